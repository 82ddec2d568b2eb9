"""What each source type and each identity means, with the edge cases decided: the one definition
the pipeline's lexicons follow, the README prints and the Voices page shows as its help.

A source type says what a source is (its function), an identity how the article presents it: the two
are independent, so "a senior official who asked not to be named" is a government source that is
anonymous, and "residents" are citizens that are unnamed.
"""

from __future__ import annotations

from lib.contract import Identity, SourceType

SOURCE_TYPE_MEANING: dict[SourceType, str] = {
    "government": (
        "the executive and the state's institutions at any level: heads of state and of government "
        "(presidents, prime ministers, monarchs, emirs, governors, mayors), ministers and ministries, "
        "agencies and civil servants, their spokespeople, diplomats and envoys of a state, police, "
        'prosecutors, courts and judges; a capital or country that speaks ("Moscow said")'
    ),
    "military": (
        "armed forces and armed groups: a state's soldiers, officers and defence spokespeople, and "
        "non-state armed groups (rebels, militias, insurgents) with their commanders and spokespeople"
    ),
    "politician": (
        "people and bodies in elected or party politics who do not hold executive office: "
        "legislators, candidates, party leaders and party officials, opposition figures, parties"
    ),
    "expert": (
        "people quoted for what they know: academics, researchers, analysts, doctors, lawyers "
        "speaking as specialists, think tanks"
    ),
    "media": (
        "news organisations and journalists quoted as sources, state media included (their state is "
        "the affiliation), and news agencies that a report comes through"
    ),
    "civil society": (
        "non-governmental organisations, charities, unions, religious bodies, campaign and advocacy "
        "groups, and their spokespeople"
    ),
    "international organisation": (
        "bodies of several states and their officials: the UN and its agencies, envoys and "
        "spokespeople, the EU, NATO, the African Union, the IMF, the World Bank, the Red Cross"
    ),
    "business": "companies, their executives and spokespeople, trade and industry associations",
    "citizen": (
        "people quoted as themselves: residents, witnesses, victims and their relatives, voters, "
        "protesters, students, fans"
    ),
    "article": "the article's own words, quoted without a source (scare quotes, titles)",
    "unknown": "the article says nothing about the source's function; Lens does not guess",
}

IDENTITY_MEANING: dict[Identity, str] = {
    "named": "the article names the source (a person's name, an organisation, a country speaking)",
    "unnamed": (
        'described but not named: "a senior official", "residents", "analysts", "the ministry\'s '
        'spokesman" when no name is ever given'
    ),
    "anonymous": (
        'withheld on purpose: "a source who asked not to be named", "speaking on condition of '
        'anonymity", "sources close to the talks"'
    ),
}
