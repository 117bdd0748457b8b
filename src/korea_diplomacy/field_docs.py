"""What each field of each record and value class means, in one sentence.

The JSON Schema (:func:`korea_diplomacy.json_schema`), the exported Data Package's Table Schema
and the data-model page all take their field descriptions from here, so they never disagree.

>>> from korea_diplomacy.model import Meeting
>>> describe(Meeting, "ordinal")
'Its number in the series (13 for the 13th summit), as the sources number it.'
>>> describe(Meeting, "citations")  # a field every record shares
'Where the record comes from: a source id and a section of that source, at least one.'
"""

from __future__ import annotations

__all__ = ["FIELD_DOCS", "describe"]

FIELD_DOCS: dict[str, dict[str, str]] = {
    "Record": {
        "id": "Stable identifier: lowercase kebab-case, unique across all collections; a "
        "country's id is its ISO 3166-1 alpha-3 code in lower case.",
        "name": "The English name, as the sources write it.",
        "citations": "Where the record comes from: a source id and a section of that source, "
        "at least one.",
        "abbreviation": "The usual short form (EAS, AKCF), if there is one.",
        "aliases": "Other names the record is known by; lookups accept them.",
        "local_names": "Names in other languages (Korean in Hangul), with spelling variants.",
        "description": "A short description in our own words.",
        "errata": "What a source printed wrong, the correction and why.",
        "conflicts": "Facts the sources disagree about: every claim, with the preferred one "
        "marked and why.",
        "inferences": "Values no source states outright, with the reasoning from what they do "
        "state.",
        "notes": "Remarks on the record or its sources, one sentence or more each.",
        "identifiers": "Identifiers of the record in other datasets (Wikidata...).",
    },
    "Source": {
        "id": "Stable identifier of the source; citations name it.",
        "name": "Title of the document or page.",
        "publisher": "Who published it.",
        "kind": "What sort of document it is.",
        "language": "Language of the document (BCP 47 code, e.g. en or ko).",
        "as_of": "The date the document describes or was published (EDTF).",
        "accessed": "When the page was read (EDTF).",
        "url": "Address of the page, for web sources.",
        "seed_file": "File name of the seed document the project started from.",
        "sections": "Parts of the document that citations name.",
        "description": "What the document is and covers, in our own words.",
        "notes": "Remarks on the source: its reliability, gaps, quirks.",
    },
    "Actor": {
        "kind": "What sort of actor: a country, an organisation, a grouping, an institution, a "
        "government or a person.",
        "iso_alpha2": "ISO 3166-1 alpha-2 code, for countries.",
        "iso_alpha3": "ISO 3166-1 alpha-3 code, for countries.",
        "iso_numeric": "ISO 3166-1 numeric code (three digits, as text), for countries.",
        "country": "Id of the country the actor belongs to, for institutions and persons.",
        "parent": "Id of the body the actor is part of.",
        "seat": "Where the actor is based.",
        "established": "When the actor was founded (EDTF).",
        "memberships": "Who belongs to this group, from when until when.",
        "dissolved": "When a former state ceased to exist (EDTF).",
        "successors": "Ids of the states that followed a former state.",
        "iso_3166_3": "ISO 3166-3 code of a former country (four letters), where it has one.",
    },
    "Mechanism": {
        "kind": "What sort of channel: a summit, a ministerial, a forum, a council...",
        "level": "Who meets in it: leaders, ministers, senior officials, parliamentarians...",
        "parent": "Id of the mechanism this one belongs to (the ARF for its working groups).",
        "organiser": "Id of the actor that runs it.",
        "counterparts": "Ids of the actors on the other side of the table (for the ROK's "
        "bilateral and regional channels).",
        "established": "When it was set up (EDTF).",
        "established_at": "Id of the meeting at which it was set up.",
        "established_by": "Id of the document that set it up.",
        "frequency": "How often it meets, as the sources say (annual...).",
        "areas": "Areas of cooperation it covers.",
        "memberships": "Its participants, from when until when.",
        "roles": "Roles actors hold in it for a period (co-chair, coordinator...).",
    },
    "Partnership": {
        "counterpart": "Id of the actor the ROK is in partnership with.",
        "stages": "The partnership's steps in order; each holds until the next begins.",
    },
    "Relation": {
        "partner": "Id of the partner: a country, or a former state the relation ended with.",
        "events": "The relation's steps in date order; each holds until the next begins.",
    },
    "Meeting": {
        "mechanism": "Id of the mechanism this meeting is a session of.",
        "ordinal": "Its number in the series (13 for the 13th summit), as the sources number it.",
        "date": "When it was held (EDTF; a day or a span of days when known).",
        "status": "Whether it was held, postponed, cancelled or is still planned.",
        "planned_date": "When it had been planned, for postponed, cancelled and planned "
        "meetings (EDTF).",
        "format": "In person, virtual or hybrid.",
        "city": "The host city.",
        "venue": "The building or site.",
        "country": "Id of the host country.",
        "chairs": "Ids of the chairs or co-chairs.",
        "held_with": "Id of a meeting held back to back with this one.",
        "participants": "Ids of the participants, where the sources list them.",
        "attendance": "How many attended, as the sources count them.",
        "heads_of_delegation": "Who led each delegation, where known.",
        "themes": "Themes of the meeting.",
        "sessions": "Parts of its programme: plenaries, lectures, discussions, visits.",
        "outcomes": "What it agreed or produced, one sentence each.",
        "documents": "Ids of the documents it adopted or issued.",
    },
    "Fund": {
        "established": "When the fund was set up (EDTF).",
        "established_at": "Id of the meeting at which it was set up.",
        "mechanism": "Id of the mechanism the fund serves.",
        "beneficiaries": "Ids of the actors the fund benefits.",
        "contributions": "Money put into it: yearly rates over periods, or totals to a date.",
        "priority_areas": "Areas the fund gives priority to.",
        "governing_documents": "Ids of the documents that govern the fund.",
    },
    "Document": {
        "kind": "What sort of document: a declaration, a joint statement, a plan of action, an "
        "agreement...",
        "adopted": "When it was adopted (EDTF).",
        "signed": "When it was signed (EDTF).",
        "entered_into_force": "When it entered into force (EDTF).",
        "place": "Where it was adopted or signed.",
        "adopted_at": "Id of the meeting that adopted it.",
        "parties": "Ids of the parties to it.",
        "covers": "The period it covers, for plans (EDTF).",
        "implements": "Id of the document it implements.",
        "amends": "Id of the document it amends.",
        "not_in_force_for": "Ids of parties for which it is not in force.",
    },
    "Policy": {
        "kind": "What sort of policy: a policy, a strategy, an initiative, a plan, a policy "
        "task...",
        "announced": "When it was announced (EDTF).",
        "announced_by": "Id of the actor that announced it.",
        "announced_at": "Id of the meeting at which it was announced.",
        "government": "Id of the government whose policy it is.",
        "succeeds": "Id of the policy it follows on from.",
        "focus": "What it focuses on.",
        "related": "Ids of related records in any collection.",
    },
    "Programme": {
        "kind": "What sort of programme: a programme, a project, an exchange, a scholarship, a "
        "training, an activity.",
        "started": "When it started (EDTF).",
        "ended": "When it ended (EDTF).",
        "organisers": "Ids of the actors that run it.",
        "partners": "Ids of the actors it works with.",
        "mechanism": "Id of the mechanism it belongs to.",
        "fund": "Id of the fund that pays for it.",
        "areas": "Areas it covers.",
    },
    "Figure": {
        "subject": "Id of the record (in any collection) the number is about.",
        "metric": "What is measured, in kebab-case (trade-volume, member-count...).",
        "value": "The number: an amount of money, or a quantity with its unit.",
        "as_of": "The date the number was true on (EDTF).",
        "period": "The period the number covers (EDTF).",
        "direction": "Which way the flow goes, for trade, investment and travel figures.",
        "part_of": "Id of the figure this one is a part of.",
    },
    "Event": {
        "kind": "What happened: a proposal, an establishment, an appointment, an admission...",
        "date": "When it happened (EDTF).",
        "actors": "Ids of the actors involved.",
        "at": "Id of the meeting at which it happened.",
        "place": "Where it happened.",
        "related": "Ids of related records in any collection.",
    },
    # ------------------------------------------------------------------ values inside records
    "Citation": {
        "source": "Id of the source.",
        "section": "Id of the section of that source.",
        "note": "What exactly the section says, where that helps.",
    },
    "Section": {
        "id": "Identifier of the section within its source.",
        "title": "The section's heading, or a short title for it.",
    },
    "Erratum": {
        "field": "The field the error is about.",
        "printed": "What the source printed.",
        "corrected": "The corrected value, which the record uses.",
        "reason": "Why the printed value is wrong.",
        "citation": "Where it was printed.",
    },
    "Claim": {
        "value": "The value this side states.",
        "citations": "The sources that state it.",
        "preferred": "Whether the dataset uses this value.",
    },
    "Conflict": {
        "field": "The field the sources disagree about.",
        "claims": "Every claim, each with its citations.",
        "reason": "Why the preferred claim is preferred.",
    },
    "Inference": {
        "field": "The field the value is for.",
        "value": "The inferred value.",
        "reasoning": "How it follows from what the sources state.",
        "citations": "The sources the reasoning rests on.",
    },
    "LocalName": {
        "lang": "Language (BCP 47 code, e.g. ko).",
        "text": "The name in that language.",
        "variants": "Other spellings in that language (a middle dot for a hyphen...).",
    },
    "ExternalId": {
        "scheme": "The other dataset (wikidata...).",
        "value": "The identifier there (Q7768...).",
    },
    "Money": {
        "amount": "The amount, as a decimal string.",
        "currency": "ISO 4217 currency code (USD, KRW...).",
        "qualifier": "Whether the amount is exact, approximate or a bound.",
    },
    "Quantity": {
        "value": "The number, as a decimal string.",
        "unit": "What is counted (projects, countries, people...).",
        "qualifier": "Whether the number is exact, approximate or a bound.",
    },
    "Direction": {
        "origin": "Id of the actor the flow comes from.",
        "destination": "Id of the actor the flow goes to.",
    },
    "Membership": {
        "member": "Id of the member.",
        "citations": "Where the membership is stated.",
        "start": "When the membership began (EDTF); unknown counts as always.",
        "end": "When it ended (EDTF); none means it still holds.",
        "role": "Member, participant or observer.",
        "joined_at": "Id of the meeting at which the member joined.",
        "note": "A remark on the membership.",
        "conflicts": "What the sources disagree about for this membership.",
        "inferences": "What is inferred rather than stated for this membership.",
    },
    "Role": {
        "actor": "Id of the actor holding the role.",
        "role": "The role (co-chair, coordinator...).",
        "citations": "Where the role is stated.",
        "period": "When the role is held (EDTF).",
        "status_as_of_source": "Whether the source describes the role as past, current or planned.",
    },
    "Stage": {
        "name": "The partnership's name at this stage.",
        "start": "When the stage began (EDTF).",
        "citations": "Where the stage is stated.",
        "made_at": "Id of the meeting at which the stage was agreed.",
        "made_by": "Id of the document that established it.",
        "local_names": "The stage's name in other languages.",
        "note": "A remark on the stage.",
        "conflicts": "What the sources disagree about for this stage.",
        "inferences": "What is inferred rather than stated for this stage.",
        "level": "How high the stage stands: alliance, comprehensive-strategic, "
        "special-strategic, strategic, comprehensive or other.",
    },
    "RelationEvent": {
        "kind": "What happened: consular-relations, established, raised-to-embassy, broken, "
        "suspended, restored, succeeded (carried over to a successor state) or ended.",
        "date": "When it happened (EDTF).",
        "citations": "Where the step is stated.",
        "state": "Id of the state the step was taken with, when not the partner itself (a "
        "predecessor such as the Soviet Union).",
        "note": "A remark on the step.",
        "local_names": "The step's wording in other languages.",
        "conflicts": "What the sources disagree about for this step.",
        "inferences": "What is inferred rather than stated for this step.",
    },
    "RelationYear": {
        "partner": "Id of the partner.",
        "year": "The year.",
        "in_force": "Whether diplomatic relations were in force on any day of the year.",
        "status": "The relation on the year's last day (diplomatic, consular, broken...).",
        "state": "Id of the state the relation was with on the year's last day.",
    },
    "Delegate": {
        "actor": "Id of the country or body the delegation represents.",
        "person": "Who led it.",
        "citations": "Where this is stated.",
        "title": "The person's title at the time (President, Prime Minister...).",
        "note": "A remark on the delegation.",
        "conflicts": "What the sources disagree about for this delegation.",
        "inferences": "What is inferred rather than stated for this delegation.",
    },
    "Session": {
        "title": "Title of the session.",
        "kind": "A plenary, a lecture, a group discussion, a visit...",
        "citations": "Where the session is stated.",
        "date": "When it took place (EDTF).",
        "theme": "The theme it belongs to.",
        "actors": "Ids of the actors taking part.",
        "topics": "Topics discussed.",
    },
    "Contribution": {
        "kind": "annual: a yearly rate over period; cumulative: a total up to as_of.",
        "amount": "The amount of money.",
        "citations": "Where the contribution is stated.",
        "contributor": "Id of the contributor (the ROK unless stated).",
        "period": "The years the yearly rate applies to (EDTF).",
        "as_of": "The date a cumulative total runs up to (EDTF).",
        "note": "A remark on the contribution.",
        "conflicts": "What the sources disagree about for this contribution.",
    },
    "DatedFact": {
        "date": "When it happened (EDTF).",
        "record_id": "Id of the record the fact belongs to.",
        "collection": "The collection of that record.",
        "kind": "What sort of fact (meeting, stage, adopted, signed...).",
        "label": "A readable one-line description.",
    },
}
"""Class name -> field name -> description. ``Record`` holds the fields every record shares."""


def describe(cls: type, field: str) -> str:
    """The description of ``field`` of ``cls`` (looked up along its base classes), or ``""``.

    >>> from korea_diplomacy.model import Source
    >>> describe(Source, "url")
    'Address of the page, for web sources.'
    """
    for klass in cls.__mro__:
        text = FIELD_DOCS.get(klass.__name__, {}).get(field)
        if text is not None:
            return text
    return ""
