"""The places stage on sentences a reader can check: recognition, resolution, metonymy, evidence."""

from __future__ import annotations

import json
import re

import pytest

from lib.geo.gazetteer import get_gazetteer
from lib.pipeline import process


def places(text: str) -> dict:
    doc = process(text)
    return {p.name: p for p in doc.places}


def one(text: str, name: str):
    found = places(text)
    assert name in found, f"{name} not among {sorted(found)}"
    return found[name]


def test_a_town_is_resolved_by_the_region_the_sentence_puts_it_in():
    p = one(
        "Heavy fighting was reported in Paris, Texas, where officials said a storm had also damaged the "
        "county courthouse and several homes on Sunday night, according to the local sheriff.",
        "Paris",
    )
    assert p.country_code == "US" and p.admin1 == "Texas"
    assert any("containing it" in w for w in p.why)
    assert p.candidates and all(c.name for c in p.candidates), "namesakes are kept as runners-up"


def test_a_world_city_wins_without_context():
    p = one(
        "Negotiators met in Geneva on Monday and said they expected to sign the agreement before the end "
        "of the week, after months of talks about the future of the programme.",
        "Geneva",
    )
    assert p.country_code == "CH"
    assert all(c.country_code != "CH" for c in p.candidates)


def test_a_us_state_is_chosen_over_the_country_when_its_city_is_mentioned():
    p = one(
        "Protesters gathered in Atlanta on Saturday, and lawmakers in Georgia said the new voting law "
        "would be reviewed by the state senate next month after the governor signed it.",
        "Georgia",
    )
    assert (p.kind, p.country_code) == ("region", "US")


def test_the_country_georgia_with_its_capital():
    p = one(
        "Troops crossed into Georgia in 2008, and officials in Tbilisi said the fighting near Gori had "
        "displaced thousands of families who are still waiting to return to their villages.",
        "Georgia",
    )
    assert (p.kind, p.country_code) == ("country", "GE")


def test_transliterations_and_old_spellings_resolve_to_one_place():
    found = places(
        "Shelling hit Kharkov and Odessa overnight, officials said, while residents of Kharkiv queued for "
        "water and the port of Odesa stayed closed for a second day because of the damage."
    )
    names = {p.name: p for p in found.values()}
    assert len([p for p in names.values() if p.country_code == "UA"]) == 2
    assert all(len(p.mentions) == 2 for p in names.values() if p.country_code == "UA")


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Moscow said on Monday it would respond to the new sanctions within days.", "Moscow"),
        ("The Beijing government warned against any foreign interference in the dispute.", "Beijing"),
        ("Analysts doubt that the regime in Tehran will accept the offer this year.", "Tehran"),
        ("Washington warned that it would impose further sanctions if the talks failed.", "Washington"),
        ("Ministers agreed new sanctions against Russia after the summit on Friday.", "Russia"),
    ],
)
def test_names_that_stand_for_a_government_are_metonymic(sentence, surface):
    text = sentence + " Officials gave no further details about the timing of the decision or its cost."
    mention = next(m for p in process(text).places for m in p.mentions if m.surface == surface)
    assert mention.literal is False
    assert mention.why


def test_locations_of_events_stay_literal():
    text = (
        "Fighting continued in Aleppo on Tuesday, residents said, and aid trucks reached Idlib after a "
        "week of delays caused by the shelling of the main road north of the city."
    )
    mentions = [m for p in process(text).places for m in p.mentions]
    assert {m.surface for m in mentions} >= {"Aleppo", "Idlib"}
    assert all(m.literal for m in mentions)


def test_demonyms_organisations_and_people_are_not_named_places():
    found = places(
        "Ukrainian forces and Russian officials traded accusations, while the Bank of England raised rates "
        "and the Washington Post reported that Paris Hilton had attended a gala in Los Angeles."
    )
    assert {name for name, p in found.items() if p.named} == {"Los Angeles"}
    counted = {name: [m.in_name for m in p.mentions] for name, p in found.items() if not p.named}
    assert counted.pop("Ukraine") == counted.pop("Russia") == [None], "adjectives count"
    assert sorted(counted.values()) == [["Bank of England"], ["Washington Post"]], "so do names in names"
    assert found["England"].country_code == "GB"


def test_regions_are_regions_with_outlines():
    found = places(
        "Shelling hit the Donetsk region overnight, while aid convoys entered the Gaza Strip and the West "
        "Bank town of Jenin, according to United Nations officials who asked for safe passage."
    )
    regions = [p for p in found.values() if p.kind == "region"]
    assert len(regions) >= 3
    gaz = get_gazetteer()
    assert all(gaz.shape(p.gazetteer_key) for p in regions)


def test_every_place_explains_itself_and_offsets_point_at_its_words(sample_doc):
    text = sample_doc.article.text
    for p in sample_doc.places:
        assert p.why, p.name
        for m in p.mentions:
            assert text[m.start : m.end] == m.surface
        if p.lat is not None:
            assert 0 <= p.confidence <= 1


def test_the_gazetteer_knows_demonyms_and_refuses_initials_for_towns():
    gaz = get_gazetteer()
    assert gaz.demonyms["ukrainian"] == "UA"
    assert all(e.kind == "country" for e in gaz.lookup("US"))
    assert gaz.lookup("Kyiv") and gaz.lookup("Kiev")
    assert gaz.fuzzy("Kostyantinivka"), "a transliteration one letter off is found"
    assert gaz.fuzzy("Rome") == [], "short names are never fuzzy-matched"
    assert gaz.fuzzy("Highway 12") == [], "a number is never a misspelling of another"


def test_a_sentence_opening_with_none_names_no_country():
    """A country with no adjective in the factbook data once gave the word "None" as its demonym."""
    found = places(
        "None of the patients treated at the hospital in Cairo had travelled abroad, the health "
        "ministry said on Monday, and none of their relatives had fallen ill."
    )
    assert set(found) == {"Cairo"}


def test_a_country_met_as_an_adjective_counts_for_it_but_is_not_drawn():
    from ui.map import drawn
    from ui.places import places_frame

    doc = process(
        "Egyptian police said on Monday that Sudanese and South African nationals were among those held "
        "in Egypt after the protest, and that Egypt would deport them within a week, officials said."
    )
    found = {p.name: p for p in doc.places}
    sudan, egypt = found["Sudan"], found["Egypt"]
    assert [(m.surface, m.adjectival) for m in sudan.mentions] == [("Sudanese", True)]
    assert [m.adjectival for m in egypt.mentions] == [True, False, False], "the adjective counts for Egypt"
    assert found["South Africa"].mentions[0].surface == "South African"
    assert not sudan.named and egypt.named
    assert {p.name for p in drawn(doc)} == {"Egypt"}, "no marker for a country named only as an adjective"
    usage = dict(zip(places_frame(doc)["Place"], places_frame(doc)["Used as"], strict=True))
    assert usage["Sudan"].startswith("adjective only") and usage["Egypt"].endswith("; 1 as adjective")
    from ui.article_html import render_article, render_legend

    html = render_article(doc)
    assert html.count('class="al-place al-adjective"') == 3, "shown as adjectives, not as governments"
    assert "Adjective of a place" in render_legend()


def test_a_demonym_inside_a_place_name_is_not_counted_twice():
    found = places(
        "Aid reached the Central African Republic on Tuesday, where officials said thousands of people "
        "had fled the fighting in the north of the country over the past month."
    )
    car = next(p for p in found.values() if p.country_code == "CF")
    assert all(not m.adjectival for m in car.mentions)


def test_a_us_county_is_a_region_of_the_state_the_article_is_about():
    found = places(
        "Deputies in Douglas County said the crash happened near Alexandria, Minnesota, on Monday, and "
        "Otter Tail County officials said several roads would stay closed until the weekend."
    )
    douglas, otter_tail = found["Douglas County"], found["Otter Tail County"]
    assert douglas.kind == otter_tail.kind == "region"
    assert douglas.admin1 == otter_tail.admin1 == "Minnesota", "the Douglas County of the article's state"
    assert get_gazetteer().shape(douglas.gazetteer_key), "drawn as its outline"
    assert any(c.country_code == "US" for c in douglas.candidates), "other states' namesakes are runners-up"


def test_a_part_of_a_region_named_by_a_compass_word_is_placed_in_that_region():
    p = one(
        "Storms hit North Texas on Monday, and officials in Dallas said several roads would stay closed "
        "until the floodwater had gone down, according to the county's emergency office.",
        "Texas",
    )
    assert p.kind == "region" and p.lat is not None
    assert [m.surface for m in p.mentions] == ["North Texas"]
    assert any("names a part of Texas" in w for w in p.why)


def test_the_surname_of_a_person_the_article_names_is_not_a_place():
    found = places(
        "The Rev. Roy Jones' most recent job was as a store clerk. The new patrol will not depend on "
        "volunteers, or on anyone beyond Jones. Jones will be paid $9 an hour, and Jones said he would "
        "start in Mansfield on Monday."
    )
    assert "Jones" not in {m.surface for p in found.values() for m in p.mentions}, "one misreading spread"
    assert "Mansfield" in found


def test_a_surname_after_a_locative_preposition_is_still_a_place():
    found = places(
        "Mayor Anna Paris said on Monday that the council had approved the budget, and she flew to Paris "
        "on Tuesday to meet investors who had promised to fund the new tram line."
    )
    assert "Paris" in found and [m.surface for m in found["Paris"].mentions] == ["Paris"]


def test_ap_state_abbreviations_name_their_state():
    found = places(
        "The company, based in Alexandria, Va., said on Tuesday it would open offices in Louisville, Ky., "
        "and in Sioux Falls, S.D., next year, hiring about 300 people in each city."
    )
    states = {m.surface: p for p in found.values() for m in p.mentions if p.kind == "region"}
    assert {k: (p.name, p.country_code) for k, p in states.items()} == {
        "Va.": ("Virginia", "US"),
        "Ky.": ("Kentucky", "US"),
        "S.D.": ("South Dakota", "US"),
    }
    assert found["Alexandria"].admin1 == "Virginia", "the abbreviation places the town"


def test_a_town_the_parser_calls_a_person_is_a_place_before_woman_or_police():
    found = places(
        "An Alexandria woman was charged with arson on Monday after a fire at a home, and the Sheriff's "
        "Office said an Alexandria man was also held, along with two other suspects, in the case."
    )  # the small model reads both "Alexandria" as a person's name
    assert "Alexandria" in found and len(found["Alexandria"].mentions) == 2
    assert [m.why.split(":")[0] for m in found["Alexandria"].mentions] == [
        "a gazetteer name before “woman”",
        "a gazetteer name before “man”",
    ]


def test_a_state_is_not_a_town_known_by_the_states_name_as_another_name():
    """GeoNames gives small towns other names that are a state's or a country's own ("Minnesota" for
    Minneota, "Lebanon" for Platteville): the place whose own name it is wins."""
    found = places(
        "Farmers in Minnesota said on Monday that the late spring had cut their yields, and grain traders "
        "in Lebanon said imports would rise before the harvest festival at the end of the month."
    )
    assert (found["Minnesota"].kind, found["Minnesota"].country_code) == ("region", "US")
    assert found["Lebanon"].country_code == "LB"


def test_a_town_and_its_county_tell_each_other_apart_from_namesakes_abroad():
    found = places(
        "A fire destroyed a barn near Paris on Tuesday, the Henry County sheriff said, and volunteers from "
        "three towns helped the owners move the cattle to a neighbour's farm before the roof fell in."
    )
    paris, county = found.get("Paris"), found.get("Henry County")
    assert paris is not None and county is not None, sorted(found)
    assert paris.country_code == county.country_code == "US"
    assert paris.admin1 == county.admin1, "the town lies in the county the article names"


@pytest.mark.parametrize(
    ("town", "county", "state"),
    [("Lebanon", "Warren County", "Ohio"), ("Salem", "Marion County", "Oregon")],
)
def test_a_town_and_a_county_resolve_as_a_pair_that_fits_together(town, county, state):
    """Both names have dozens of namesakes; only some towns lie in a county of the other name, and
    the likeliest such pair wins on both sides, never a town in one state and a county in another."""
    found = places(
        f"Officials in {town} said on Monday that the water main break had been repaired, and {county} "
        f"commissioners approved money for new pipes at a meeting that ran late into the night. "
        f"Residents of {town} had been told to boil their water for three days."
    )
    assert (found[town].admin1, found[county].admin1) == (state, state)


def test_two_small_towns_of_one_county_named_together_are_neighbours_not_distant_namesakes():
    """Neither name says which of its namesakes it is, and the article names no county or state: that
    both have a reading in one county, about as likely as their best known ones, decides both."""
    found = places(
        "Volunteers from Greenwood and Laurel cleared fallen trees from the roads on Tuesday after the "
        "storm. The storm knocked out power to about two thousand homes overnight, the utility said."
    )
    assert found["Greenwood"].admin1 == found["Laurel"].admin1 == "Delaware"


def test_a_county_opening_a_longer_name_is_the_place_in_it():
    found = places(
        "A tornado touched down south of Paris late Tuesday, tearing the roofs off two barns, and the "
        "Henry County Emergency Management director said no one was hurt. Schools in Paris opened late."
    )
    assert "Henry County Emergency Management" not in found, "the office is not a place"
    assert found["Henry County"].kind == "region" and found["Henry County"].country_code == "US"
    assert found["Paris"].admin1 == found["Henry County"].admin1, "and it tells which Paris"


def test_a_five_letter_capital_dateline_is_a_place_not_initials():
    doc = process(
        "CAIRO, March 3 — Egypt's central bank raised interest rates on Thursday for the second time "
        "this year, saying that inflation had risen faster than expected since the autumn."
    )
    by_surface = {m.surface: p for p in doc.places for m in p.mentions}
    assert by_surface["CAIRO"].name == "Cairo" and by_surface["CAIRO"].country_code == "EG"


def test_a_wire_datelines_capitals_are_the_place_it_was_filed_from():
    doc = process(
        "WASHINGTON (AP) — The Senate passed the spending bill late on Thursday, hours before a deadline, "
        "after leaders of both parties agreed to drop the disputed provisions.\n\n"
        "NEW YORK, Oct. 3 — Shares fell on the news, traders said."
    )
    by_surface = {m.surface: p for p in doc.places for m in p.mentions}
    assert by_surface["WASHINGTON"].name == "Washington" and by_surface["WASHINGTON"].kind == "city"
    assert by_surface["NEW YORK"].name == "New York City"
    assert "dateline" in by_surface["WASHINGTON"].mentions[0].why


def test_press_abbreviations_of_states_and_provinces_name_the_region():
    found = places(
        "The plant in Morgantown, W. Va., will close next year, the company said, and a second one in "
        "Thunder Bay, Ont., will cut a third of its jobs as demand for paper keeps falling."
    )
    assert found["West Virginia"].kind == "region"
    assert found["Ontario"].country_code == "CA"


def test_a_persons_first_name_alone_is_that_person_not_a_town():
    found = places(
        "Lucy Lau was born in Winnipeg three months early. Doctors said Lucy weighed less than a kilogram, "
        "and her parents were told she might not survive the first night in the hospital."
    )
    assert "Winnipeg" in found
    assert all(m.surface != "Lucy" for p in found.values() for m in p.mentions)


def test_the_map_writes_town_names_beside_their_circles_escaped():
    """Offline there is no base map: the names say where the circles are."""
    from ui.map import build_map

    doc = process(
        "Volunteers from Greenwood and Laurel cleared fallen trees from the roads on Tuesday after the "
        "storm. The storm knocked out power to about two thousand homes overnight, the utility said."
    )

    def labels() -> list[str]:
        """The label markup the page hands Leaflet, as the browser will read it."""
        page = build_map(doc).get_root().render()
        return [json.loads(f'"{m}"') for m in re.findall(r'"html": "(.*?)",\n', page)]

    assert {'<div class="al-label">Greenwood</div>', '<div class="al-label">Laurel</div>'} <= set(labels())
    doc.places[0].name = "<img src=x onerror=alert(1)>"
    assert '<div class="al-label">&lt;img src=x onerror=alert(1)&gt;</div>' in labels()
    assert not any("<img" in label for label in labels())


def test_a_name_the_parser_guesses_a_place_with_nothing_to_place_it_is_not_one():
    """The small model tags some surnames GPE ("Pawlenty figures the money into his budget"): with no
    gazetteer entry and nothing in the text that places it, it is not listed as a place; an unknown
    village the text puts somewhere ("in Zubrowka") still is, unplaced."""
    from spacy.tokens import Span

    from lib.nlp import get_nlp
    from lib.places.recognise import find_places

    nlp = get_nlp()
    places_pipe = nlp.get_pipe("lens_places")
    text = "Pawlenty figures the federal money into his budget. Aid workers reached families in Zubrowka."
    doc = nlp.make_doc(text)
    for name, pipe in nlp.pipeline:
        if not name.startswith("lens_"):
            doc = pipe(doc)
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, len(doc) - 2, len(doc) - 1, label="GPE")]
    found = find_places(doc, places_pipe.gazetteer, places_pipe.matcher, places_pipe.lexicon, 6)
    assert [f.span.text for f in found] == ["Zubrowka"]


def test_a_person_the_parser_calls_a_place_is_not_a_village_that_shares_the_name():
    """ "Kibaki" is also another name of a Ukrainian village: a name that is only another name of a
    small village, met where nothing places it, is not that village (nor its partner in the list)."""
    found = places(
        "Kibaki and Raila Odinga signed the agreement on Monday after weeks of talks with the "
        "mediators. Officials gave no further details about the timing of the decision or its cost."
    )
    assert found == {}


def test_a_country_is_marked_at_its_conventional_point_not_its_outlines_centre():
    """Russia's outline centres 190 km from 60N 100E, where gazetteers and readers put it; the
    United States keeps the centre of its contiguous states, in Kansas."""
    from lib.evaluation import haversine_km

    found = places(
        "Russia and Canada agreed on Monday to share data on Arctic ice, and officials in the United "
        "States said they would join the talks before the winter."
    )
    russia, canada, us = found["Russia"], found["Canada"], found["United States"]
    assert haversine_km(russia.lat, russia.lon, 60.0, 100.0) < 20
    assert haversine_km(canada.lat, canada.lon, 60.0, -95.0) < 20
    assert us.admin1 is None and 37 < us.lat < 40.5 and -100.5 < us.lon < -94.6  # inside Kansas
    assert any("point: CIA World Factbook" in w for w in russia.why)


TEXT_WITH_A_DEPARTMENT = (
    "The Minnesota Department of Transportation closed the road into Alexandria on Monday, and the "
    "University of Michigan cancelled a visit. Officials at Vanderbilt University said nothing."
)


def test_a_place_inside_an_organisations_name_counts_for_it_and_places_its_neighbours():
    """LGL and TR-News annotate "Minnesota" in "the Minnesota Department of Transportation": it is
    counted for the state (not drawn by itself) and tells which Alexandria the article means."""
    found = places(TEXT_WITH_A_DEPARTMENT)
    minnesota, michigan = found["Minnesota"], found["Michigan"]
    assert [m.in_name for m in minnesota.mentions] == ["Minnesota Department of Transportation"]
    assert not minnesota.named and not michigan.named, "a name inside another name draws no marker"
    assert found["Alexandria"].admin1 == "Minnesota" and found["Alexandria"].named
    assert "Vanderbilt" not in found, "a village's name is more often a person's in an organisation's"
    from ui.places import places_frame

    frame = places_frame(process(TEXT_WITH_A_DEPARTMENT))
    usage = dict(zip(frame["Place"], frame["Used as"], strict=True))
    assert usage["Minnesota"] == "in a name only (not on the map)", "the table says why it is not drawn"


def test_a_nation_is_not_a_small_namesake_town_of_the_articles_country():
    p = one(
        "Police in Los Angeles and officials in Washington said on Monday that the suspect in the "
        "robbery had moved to England last year with his family.",
        "England",
    )
    assert (p.country_code, p.kind) == ("GB", "region")


def test_a_list_that_names_its_counties_once_gives_each_county():
    found = places(
        "Water over the roadway is affecting areas in Becker, Clay, Otter Tail and Wilkin counties, the "
        "state transportation department said on Tuesday, and more closures were expected."
    )
    assert {"Becker County", "Clay County", "Otter Tail County", "Wilkin County"} <= set(found)
    assert {found[n].admin1 for n in ("Becker County", "Clay County", "Wilkin County")} == {"Minnesota"}
    assert [m.surface for m in found["Clay County"].mentions] == ["Clay"], "the words the text has"


def test_states_named_in_an_article_about_a_city_are_not_that_citys_small_namesake_towns():
    found = places(
        "Doctors in Chicago said on Monday that patients had travelled to Oregon and Washington, where "
        "the law allows assisted dying, and that more were expected to follow them this year."
    )
    assert (found["Oregon"].kind, found["Oregon"].admin1) == ("region", None)
    assert found["Chicago"].admin1 == "Illinois"


def test_a_dateline_after_a_headline_run_into_the_text_is_the_place_it_was_filed_from():
    p = one(
        "Statewide help line could reach more poor families. ATLANTA - A dialing code linking callers "
        "to services is now available across the state, officials said on Tuesday.",
        "Atlanta",
    )
    assert p.admin1 == "Georgia" and [m.surface for m in p.mentions] == ["ATLANTA"]
    shouted = places(
        "The council met on Monday and voted to close the library. THE END - of an era, one member "
        "said, though the building would reopen as a community hall next spring."
    )
    assert not shouted, "capitals after a sentence are a dateline only when they are a place"


def test_a_state_is_not_a_village_of_that_name_in_the_state_of_another_place():
    p = one(
        "Officials in New York City said on Monday that the storm had moved south towards Florida, "
        "where schools would close on Wednesday and thousands of families had already left.",
        "Florida",
    )
    assert (p.kind, p.admin1) == ("region", None)
