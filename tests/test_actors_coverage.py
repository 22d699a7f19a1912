"""Who is who in the ways real coverage introduces attackers (sentences written here, after patterns seen
in the real-coverage corpus): long introductions the parser loses, brothers named with one surname,
identification lists, subheads without a full stop, and figurative verbs in other news."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from nofame.actors import Actor, ActorLexicon, Cast, find_cast, load_actor_lexicon
from nofame.actors.cues import Cue
from nofame.actors.grammar import subject_verbs
from nofame.actors.roles import pick_role, score_cues
from nofame.article import Image
from nofame.checker import Checker, analyse, check
from nofame.nlp import load_pipeline
from nofame.sources.text import article_from_text

LEXICON = Path(__file__).parents[1] / "rules/lexicons/actors.yml"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return load_actor_lexicon(LEXICON)


def cast_of(nlp: Language, lexicon: ActorLexicon, body: str, headline: str = "") -> Cast:
    fields = {"headline": headline, "body": body} if headline else {"body": body}
    return find_cast({name: nlp(text) for name, text in fields.items()}, lexicon=lexicon)


def roles(cast: Cast) -> dict[str, str]:
    return {a.name: a.role for a in cast.actors}


def report_roles(checker: Checker, text: str) -> dict[str, str]:
    """Each actor's role in the report the whole engine gives for `text`."""
    return {a.name: a.role for a in check(checker, article_from_text(text)).actors}


def actors_named(checker: Checker, text: str, part: str) -> list[Actor]:
    """The actors of the engine's analysis of `text` whose name contains `part`."""
    analysis, _ = analyse(checker, article_from_text(text))
    return [a for a in analysis.cast.actors if part in a.name]


def test_a_deed_after_a_long_introduction_makes_the_perpetrator(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Thirty people were killed at two churches on Sunday. Australian Corran Videl, 33, a self-described "
        "white supremacist, live-streamed the attack on a social network. Police Commissioner Ana Ortiz "
        "said two others arrested were not involved.",
    )
    assert roles(cast)["Corran Videl"] == "perpetrator"
    assert roles(cast)["Ana Ortiz"] == "official"


def test_a_deed_counts_only_for_the_name_that_opens_its_clause(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Four people were killed at a bar on Friday. A friend of Mara Quill opened fire at the bar, police "
        "said, and Quill told reporters she had not seen him for a year.",
    )
    assert roles(cast).get("Mara Quill") != "perpetrator"


def test_a_court_outcome_makes_the_perpetrator(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Dorian Vasko has been found guilty of 7 counts of first-degree murder for the van attack that "
        "killed seven people. Justice Helen Strand delivered the ruling on Tuesday.",
    )
    assert roles(cast)["Dorian Vasko"] == "perpetrator"


def test_brothers_named_with_one_surname_are_two_people(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Karim and Yassin El Dahrouj were named as the suicide bombers responsible for two blasts at the "
        "station, which killed at least 9 people. Prime Minister Edwin Garrow and Miles Brenton condemned the attack.",
    )
    found = roles(cast)
    assert found["Yassin El Dahrouj"] == "perpetrator"
    assert [a.role for a in cast.actors if a.mentions[0].text == "Karim"] == ["perpetrator"]
    assert not any("Garrow Brenton" in name or name.startswith("Garrow") for name in found)


def test_identified_as_reaches_two_of_the_attackers_and_participle_clauses(
    nlp: Language, lexicon: ActorLexicon
) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Seven people were killed on the bridge. Police identified two of the attackers as Egyptian-born "
        "Tarek Hussam, 25, and Rami Belkadi, 33. In another town, the suspected shooter was also dead, "
        "identified as 47-year-old Gavin Worral.",
    )
    found = roles(cast)
    assert found["Tarek Hussam"] == "perpetrator"
    assert found["Rami Belkadi"] == "perpetrator"
    assert found["Gavin Worral"] == "perpetrator"


def test_a_subhead_without_a_full_stop_ends_its_sentence(nlp: Language) -> None:
    doc = nlp("Last updated 6:53 pm EDT\n\nDorian Vasko has been found guilty on all counts\n\nThe judge spoke.")
    starts = [sent[0].text for sent in doc.sents]
    assert "Dorian" in starts and "The" in starts


def test_an_attack_verb_after_a_name_is_no_event_name(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Suicide bombers Omar Tadlaoui and Najib Serrouk attacked the station on Thursday, killing 11 people.",
    )
    assert roles(cast)["Najib Serrouk"] == "perpetrator"


def test_attacking_a_rival_s_record_is_politics(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Two men were shot dead in the city last week. In the debate, Sir Miles Brenton attacked Mr Garrow's "
        "record on taxes, and Mr Garrow attacked his plans for schools.",
    )
    assert "perpetrator" not in roles(cast).values()


def test_emoji_and_symbols_touching_a_name_hide_nothing(checker: Checker) -> None:
    draft = (
        "Darrel Vickers 😡, 24, opened fire at the bar on Friday, killing four people.\n\n"
        "The gunman, ★Darrel Vickers★, had posted threats online, police said. Vickers appeared in court."
    )
    report = check(checker, article_from_text(draft, headline="Four killed at Millbrook bar"))
    assert [(a.name, a.role) for a in report.actors if a.role == "perpetrator"] == [("Darrel Vickers", "perpetrator")]
    lede = [f for f in report.findings if f.rule == "name-in-lede"]
    assert [f.text for f in lede] == ["Darrel Vickers"]  # the text as written, offsets into it
    assert draft[lede[0].start : lede[0].end] == "Darrel Vickers"


def test_a_middle_initial_and_a_relative_with_the_surname(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A driver killed four people at a parade on Saturday. Police identified the driver as Terrell J. Hollis "
        "Jr., 41. Hollis's mother, Gloria Hollis, said her son had struggled. Hollis was charged with four "
        "counts of murder. Hollis said she had warned police.",
    )
    found = {a.name: (a.role, [m.text for m in a.mentions]) for a in cast.actors}
    assert found["Terrell J. Hollis Jr."] == ("perpetrator", ["Terrell J. Hollis Jr.", "Hollis's", "Hollis"])
    assert found["Gloria Hollis"] == ("other", ["Gloria Hollis", "Hollis"])  # "she": the mother speaks


def test_photo_credits_and_bylines_are_nobody_in_the_story(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "By John Marsh\n\nPhoto: Anna Kerr/AFP/Getty Images\n\nA gunman killed four people at a bar on Friday. "
        "Police said the gunman, Darrel Vickers, was arrested. Witness Mary Byers said she heard shots.",
    )
    assert set(roles(cast)) == {"Darrel Vickers", "Mary Byers"}


def test_a_given_name_gathers_the_surname_and_first_name_written_alone(nlp: Language, lexicon: ActorLexicon) -> None:
    doc = nlp(
        "A gunman killed four people at a bar on Friday. Doran, 24, was arrested at the scene. Mr Doran had "
        "bought the rifle in May, police said. Luke rarely left his room, a neighbour said."
    )
    cast = find_cast({"body": doc}, perpetrator_names=("Luke Doran",), lexicon=lexicon)
    assert [(a.role, [m.text for m in a.mentions]) for a in cast.actors] == [
        ("perpetrator", ["Doran", "Mr Doran", "Luke"])
    ]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # a plain noun made the attacker by its clause, then identified
        (
            "Man suspected of killing four people before turning a gun on himself named as Tobin Markwell.",
            "Tobin Markwell",
        ),
        (
            "Nine people were killed at a roller rink. The man who opened fire was identified as Orrin Delacourt.",
            "Orrin Delacourt",
        ),
        # "known as NAME" on the subject of an attack
        (
            "Nine people died in 2019 when a 31-year-old individual, known as Kasim Ferreira, hijacked a truck "
            "and careened into the crowds of people at the fair.",
            "Kasim Ferreira",
        ),
        # "he", identified, after a sentence about the killer
        (
            "Seven people were shot dead at two cafes. The killer and his mother were later found dead at home. "
            "He has been identified in local media as insurance clerk Lorenz Haubrich, 47.",
            "Lorenz Haubrich",
        ),
        # "the man, identified as NAME", after a sentence about the suspect
        (
            "Eight people were killed at a roller rink. Officers found that the suspect had shot himself, the "
            "sheriff said.\n\nThe man, identified as Orrin Delacourt, 66, was pronounced dead at the scene.",
            "Orrin Delacourt",
        ),
        # "called NAME" after "he was", in a sentence about the gunman
        (
            "Thirty people were killed at two churches. The gunman streaming the attack from a camera said "
            "he was a 33-year-old Australian called Corran Videl.",
            "Corran Videl",
        ),
        # armed with a weapon, with no attack verb in the story
        (
            "Two girls were killed at a swimming club on Thursday. Two miles away Oskar Venlo was arming "
            "himself with a kitchen knife.\n\nVenlo entered the club, armed with the knife.",
            "Oskar Venlo",
        ),
        # a name with a word the tagger reads as a modal verb, opening the sentence
        (
            "Nine people were killed at a skating rink on Friday. Duc Can Ferris, the suspect, later shot and "
            "killed himself when police pulled him over.",
            "Duc Can Ferris",
        ),
        # "identified A and B as the teenagers in black coats who ... as they opened fire"
        (
            "Police on Wednesday identified Tobin Marrow, 18, and Ezra Quill, 17, as the two teenagers in long "
            "coats who laughed as they opened fire on classmates, killing 9 people.",
            "Ezra Quill",
        ),
        # "a man identified by authorities as NAME, 24, sprayed dozens of bullets at"
        (
            "Three soldiers were killed in the shooting, in which a man identified by federal authorities as "
            "Idris Kalvani, 26, sprayed dozens of bullets at a training center before he was killed.",
            "Idris Kalvani",
        ),
        # a court step only a defendant owns
        (
            "Six people were killed in the shooting at the church. Jury selection in Gareth Mellor's trial "
            "began on Monday.",
            "Gareth Mellor",
        ),
        # an alias only fighters take, with no attacker noun in the sentence
        (
            "Twenty-two tourists were killed on the beach. Tarrik Vell, whom the group called by his jihadi "
            "pseudonym, Abu Zayd al-Marwani, had trained in a camp abroad.",
            "Abu Zayd al-Marwani",
        ),
        # a long apposition, and killed in a firefight with police (no victim)
        (
            "Eleven people died when a truck drove into a crowd. Officials said the driver, 37-year-old Navy "
            "veteran Rami Al-Feyruz, acted alone. Al-Feyruz was killed in a firefight with police.",
            "Rami Al-Feyruz",
        ),
    ],
)
def test_attackers_introduced_without_a_role_noun(nlp: Language, lexicon: ActorLexicon, body: str, name: str) -> None:
    assert roles(cast_of(nlp, lexicon, body)).get(name) == "perpetrator"


def test_places_written_town_comma_region_are_not_people(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "She was at home in Levenshulme, Greater Manchester, on Monday when her husband stabbed her. "
        "In 1924 a tornado in Bogalusa, Louisiana, and Purvis, Mississippi, killed 61 people.",
    )
    assert not {"Greater Manchester", "Manchester", "Purvis"} & set(roles(cast))


def test_pleading_with_someone_is_no_plea(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A gunman killed 11 people at a school. Nadia Ferrante, whose daughter was killed, pleaded with the "
        "jury for the death penalty. The gunman, Colm Ardagh, pleaded guilty to 11 counts of murder.",
    )
    assert roles(cast)["Colm Ardagh"] == "perpetrator"
    assert roles(cast).get("Nadia Ferrante") != "perpetrator"


def test_in_ordinary_crime_news_nobody_is_reported_as_the_perpetrator(checker: Checker) -> None:
    crime = "Farid Oszmann, 53, was jailed for life on Friday for murdering his wife at their home last year. "
    report = check(checker, article_from_text(crime + "Oszmann stabbed her in the kitchen, the court heard."))
    assert [a.role for a in report.actors if a.name == "Farid Oszmann"] == ["other"]
    attack = "Farid Oszmann opened fire at a school on Friday, killing five people. Oszmann was arrested."
    report = check(checker, article_from_text(attack))
    assert [a.role for a in report.actors if a.name == "Farid Oszmann"] == ["perpetrator"]


def test_a_bomb_set_off_where_people_are_is_an_attack_whatever_its_toll(checker: Checker) -> None:
    bombing = (
        "An explosive device went off outside the bank early on Sunday. Police said Gordon Vail, 58, detonated "
        "the bomb in his van by the doors and died in the blast. Vail had bought the parts months before."
    )
    report = check(checker, article_from_text(bombing))
    assert [a.role for a in report.actors if a.name == "Gordon Vail"] == ["perpetrator"]
    flop = "The film bombed at the box office. Gordon Vail, 58, was jailed on Friday for murdering his wife."
    report = check(checker, article_from_text(flop))
    assert [a.role for a in report.actors if a.name == "Gordon Vail"] != ["perpetrator"]


def test_brothers_named_as_the_gunmen_are_both_perpetrators(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Nine people were killed at the newspaper's office on Thursday. Police named brothers Karim and Samir "
        "Haddani as the gunmen.",
    )
    assert {name: role for name, role in roles(cast).items() if role == "perpetrator"} == {
        "Karim Haddani": "perpetrator",
        "Samir Haddani": "perpetrator",
    }
    relatives = cast_of(
        nlp,
        lexicon,
        "Nine people were killed at the office by a gunman. His brothers, Karim and Samir Haddani, said he "
        "had not called them.",
    )
    assert "perpetrator" not in roles(relatives).values()


def test_an_officer_killed_in_a_shootout_with_the_gunman_stays_a_victim(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A gunman killed four people at a bank. Officer Lena Sorvik was killed in a shootout with the gunman. "
        "Police have identified Tomas Brisk, left, and Moss Tilden as the gunmen.",
    )
    assert roles(cast)["Lena Sorvik"] != "perpetrator"
    assert roles(cast)["Tomas Brisk"] == "perpetrator"


def test_the_trial_of_a_foiled_attack_names_its_attacker(checker: Checker) -> None:
    trial = (
        "The trial of the foiled terrorist attack on a train opened in Paris on Monday, before a special "
        "assize court. The president asked the three defendants to introduce themselves. Standing in the "
        "box, train shooter Ayman Tazzouli, a Moroccan now 34, described his old trade. Two defendants are "
        "accused of helping Tazzouli reach Europe by the migrant route."
    )
    report = check(checker, article_from_text(trial))
    assert [a.role for a in report.actors if a.name == "Ayman Tazzouli"] == ["perpetrator"]


def test_a_pair_named_together_and_then_called_the_couple_attacked(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "On Tuesday morning, Tariq Samadi, 31, and Leyla Orhan, 29, dropped off their baby with his mother. "
        "By noon, according to police, the couple had armed themselves with rifles and stormed a staff party, "
        "killing 9 people.",
    )
    assert roles(cast) == {"Tariq Samadi": "perpetrator", "Leyla Orhan": "perpetrator"}
    bystanders = cast_of(
        nlp,
        lexicon,
        "Tariq Samadi and Leyla Orhan went to the concert on Friday. They watched as a gunman opened fire on "
        "the crowd, killing five people. Tariq Samadi and Leyla Orhan went home. They bought bread, killing time.",
    )
    assert "perpetrator" not in roles(bystanders).values()


def test_accomplices_named_together_who_deny_the_charges(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Two men killed a priest in his church in 2019. Prosecutors say that Walid Tessar and Yanis Boudra knew "
        "about the attackers' plan. They have denied the charges of conspiracy with terrorists. The third "
        "accused is named Reda Hamouni and is accused of supplying a knife.",
    )
    assert roles(cast) == {"Walid Tessar": "perpetrator", "Yanis Boudra": "perpetrator", "Reda Hamouni": "perpetrator"}
    victims = cast_of(
        nlp,
        lexicon,
        "Ana Lee and Mark Dunn were at the market. They were shot by a gunman on Monday. Sarah Cole's lawyer "
        "said the family would sue.",
    )
    assert "perpetrator" not in roles(victims).values()


def test_a_double_barrelled_name_in_the_headline_is_confirmed_by_its_surname_in_the_story(
    nlp: Language, lexicon: ActorLexicon
) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "The chief constable confirmed the name of 19-year-old Haddad-Brissac as the suspected suicide bomber. "
        "Seventeen people were killed.",
        headline="Stadium attack: 17 killed at concert as bomber named as Mohamed Haddad-Brissac",
    )
    assert roles(cast).get("Mohamed Haddad-Brissac") == "perpetrator"


def test_a_name_the_model_misses_is_a_person_when_police_killed_him(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Thirty-one people died in the shooting. On June 4, Jean-Luc Gharbi-Lemaire was killed by police "
        "after he fired from his office window into the crowd.",
    )
    assert roles(cast).get("Jean-Luc Gharbi-Lemaire") == "perpetrator"


def test_a_name_ending_in_an_initial_identified_in_an_apposition(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A man stabbed two people to death at the festival. The suspect surrendered to police. The judge "
        "ordered the man, a 29-year-old identified as Anouar Walid H., held pending a decision on charges.",
    )
    assert roles(cast).get("Anouar Walid H.") == "perpetrator"


def test_brothers_hunted_as_suspects_and_killed_when_police_stormed_their_hideout(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Nine people were killed when two gunmen stormed the offices of a newspaper in Paris on Thursday. "
            "Police are hunting two brothers, Naïm and Kémal Benhamdi, suspected of carrying out the attack. "
            "The Benhamdi brothers were killed on Sunday when police stormed a printing works."
        ),
    )
    assert {a.name: a.role for a in report.actors} == {"Naïm Benhamdi": "perpetrator", "Kémal Benhamdi": "perpetrator"}


def test_he_in_the_next_sentence_and_an_attackers_call_are_no_help(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Twenty-three people were killed at a nightclub early Sunday. Tarek Hamdi, 31, called 911 during the attack "
        "to pledge allegiance to the Islamic State. He was killed in a shootout with police.",
    )
    assert roles(cast)["Tarek Hamdi"] != "helper"
    assert "shot-by-police" in next(a.cues for a in cast.actors if a.name == "Tarek Hamdi")
    victim = cast_of(
        nlp,
        lexicon,
        "Twenty-three people were killed at a nightclub early Sunday. Ricky Salas, 25, worked at the bar. He was "
        "shot in the back as he ran for the exit.",
    )
    assert roles(victim)["Ricky Salas"] == "victim"


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        (
            "Eleven people were killed in the shootings at a skating rink and a bar. After a three-day manhunt, "
            "Gerald Pinney, 44, a Navy reservist, was found dead of a self-inflicted gunshot wound.",
            "Gerald Pinney",
            "perpetrator",
        ),
        (
            "Fifteen people were killed in the van attack on the boulevard. The driver of the van, Younes "
            "Belhadri, 23, was shot dead by police two days later in a field.",
            "Younes Belhadri",
            "perpetrator",
        ),
        (
            "Fifteen people were killed in the van attack on the boulevard. The mother of the victim, Ana Ferrer, "
            "52, spoke at the funeral.",
            "Ana Ferrer",
            "other",
        ),
        # a charge denied names the defendant
        (
            "The bomb on the underground train injured 22 people, a court heard. Arif Qasemi, 20, denies "
            "attempted murder and causing an explosion likely to endanger life.",
            "Arif Qasemi",
            "perpetrator",
        ),
        # "the gunman, a man named NAME": the name given to a noun beside the role noun
        (
            "A gunman killed seven people at a shopping centre in the city. The gunman, a 24-year-old man named "
            "Darrel Vickers, suffered depression.",
            "Darrel Vickers",
            "perpetrator",
        ),
        (
            "A gunman killed seven people at a shopping centre in the city. The victim, a 24-year-old man named "
            "Darrel Vickers, was a nurse.",
            "Darrel Vickers",
            "other",
        ),
        # "is believed to be the gunman", and the police device that killed him makes him no victim
        (
            "A gunman killed three police officers in the city on Sunday. Dorian Kell, 29, is believed to be the "
            "lone gunman in the attack, an official said. Kell was killed by a police-controlled explosive device "
            "about two hours later.",
            "Dorian Kell",
            "perpetrator",
        ),
        # a surname the tagger reads as a verb ("-ed"), a given name it reads as a place
        (
            "Two football fans were killed in the terror attack in the city. On 9 March, Tunisian national "
            "Abdesalem Darroued shot and killed two football fans who were in the city for a match. Darroued "
            "targeted the men as they left a taxi.",
            "Abdesalem Darroued",
            "perpetrator",
        ),
        # the name the attacker used in his video
        (
            "A gunman killed two football fans in the city. Shortly after the attack, the gunman uploaded a video "
            "of himself. In the video, the attacker used the name 'Samir Tolba' and said he sought revenge.",
            "Samir Tolba",
            "perpetrator",
        ),
        # a bomb left on a train
        (
            "A bomb on the underground train injured 22 people in the attack on Friday. Arif Qasemi left a "
            "homemade bomb on the train and walked away.",
            "Arif Qasemi",
            "perpetrator",
        ),
        # he attacked, then was shot: the attacker at his end, not a victim
        (
            "Eight people were injured in the mall. Authorities say Guled Omar slashed his way through a Sunday "
            "night crowd at the mall. Omar was shot and killed.",
            "Guled Omar",
            "perpetrator",
        ),
        # a purpose clause shares its subject
        (
            "Two men were killed in the knife attack. Nineteen-year-old Abdelrahim Bouchaar has appeared before "
            "a court via a video link to admit a knife attack that left two men dead.",
            "Abdelrahim Bouchaar",
            "perpetrator",
        ),
        # "who is accused of"
        (
            "Seven people were killed at the high school in 2016. In a decision signed by a judge on Friday, "
            "Stavros Karamanlidis, who’s accused of murdering five of his classmates and two teachers, was "
            "recommitted to a state hospital.",
            "Stavros Karamanlidis",
            "perpetrator",
        ),
        # a nickname in quotation marks, and a given name the tagger reads as an adjective
        (
            "Five people were killed when a car was driven into pedestrians in the city. Witnesses said the driver, "
            "29-year-old Pantelious “Danny” Marganidis, drove without hesitation.",
            "Marganidis",
            "perpetrator",
        ),
        # identified in a relative clause of the role noun
        (
            "Two people were killed in the attack on Thursday. The attacker, who has been identified by the press "
            "as 23-year old Viktor Sandberg Holmqvist, was shot by police at the school and later died.",
            "Viktor Sandberg Holmqvist",
            "perpetrator",
        ),
        # a person named, then identified as the shooter
        (
            "Six people were killed in the attack on Thursday. A 19-year-old named Dustin Keel has been "
            "identified as the suspected shooter, police said Friday.",
            "Dustin Keel",
            "perpetrator",
        ),
        (
            "Six people were killed in the attack on Thursday. A 19-year-old named Dustin Keel was identified "
            "as the victim, police said Friday.",
            "Dustin Keel",
            "victim",
        ),
        # custody after an assassination; the one he aimed at is its target
        (
            "The activist was shot dead at the university in an assassination. Officials announced that "
            "24-year-old Cody Pelletier, a resident of northern Idaho, had been taken into custody.",
            "Cody Pelletier",
            "perpetrator",
        ),
        (
            "At a rally on Tuesday, former Governor Daniel Harlow was the target of an assassination attempt. "
            "The alleged shooter fired multiple shots at the stage where Harlow was speaking.",
            "Daniel Harlow",
            "victim",
        ),
        # the people he fired at, named by what they were doing there
        (
            "Two people were killed at the tournament. Police said 27-year-old Martin Voskuil began shooting at "
            "participants inside the bar, killing two gamers and wounding seven others.",
            "Martin Voskuil",
            "perpetrator",
        ),
        # what he did, told in a gerund with no subject of its own
        (
            "Nine children died at the school. Wanderley Oliveros, 25, killed himself after carrying out "
            "the massacre in the school he attended as a child.",
            "Wanderley Oliveros",
            "perpetrator",
        ),
        (
            "Five people died at the mall. Police say 22-year-old Orhan Tekeli walked into the department store "
            "shooting three women and two men.",
            "Orhan Tekeli",
            "perpetrator",
        ),
        # the deed, in the passive, by him
        (
            "Six people died at the school. The shooting was arranged by 31-year-old Ruslan Zhdanko, a graduate "
            "of the school, investigators said.",
            "Ruslan Zhdanko",
            "perpetrator",
        ),
        # more ways a report introduces him
        (
            "An arson attack on a subway train killed 140 people. The arsonist, Park Jin-seok, was a 61-year-old "
            "former bus driver.",
            "Park Jin-seok",
            "perpetrator",
        ),
        (
            "Eight people died at the mall. The shooter, whom Police Chief Glen Marder identified as Dennis "
            "Fairlow, left several notes.",
            "Dennis Fairlow",
            "perpetrator",
        ),
        (
            "Six children died at the school. Police arrested the man identified as Huang Lirong, a former "
            "doctor in the city.",
            "Huang Lirong",
            "perpetrator",
        ),
        (
            "Six children died at the school. Huang Lirong charged into a group of students wielding a knife.",
            "Huang Lirong",
            "perpetrator",
        ),
        (
            "Four people were shot in the city. The homicide team identified the shooter Monday as Jordan "
            "Daniel Pruett.",
            "Jordan Daniel Pruett",
            "perpetrator",
        ),
        (
            "Five people were killed at the store. The alleged gunman at the Millbrook Walmart, Terrance Belcourt, "
            "was an overnight crew supervisor.",
            "Terrance Belcourt",
            "perpetrator",
        ),
        (
            "Five people were killed at the store. The mother of the gunman, Ann Belcourt, said she was heartbroken.",
            "Ann Belcourt",
            "other",
        ),
        (
            "Three people were shot at the school. The shooter, 16-year-old student Caden Whitlow, fatally shot "
            "himself.",
            "Caden Whitlow",
            "perpetrator",
        ),
        (
            "Four people were killed at the office. Ernesto Abdiel is facing special circumstances murder "
            "charges for the killings of four people.",
            "Ernesto Abdiel",
            "perpetrator",
        ),
        # what he did outweighs what befell him
        (
            "A bomb exploded downtown on Easter morning, injuring three people. Police said 58-year-old "
            "Raymond Lee Garvin was killed when he detonated an explosive in his van outside the building.",
            "Raymond Lee Garvin",
            "perpetrator",
        ),
        # accomplices in a trial report
        (
            "Nine people were killed in the attack on the magazine in 2017. Among the defendants are Emre "
            "Kocabas, 40, and Amir Hadjadi, 39.",
            "Amir Hadjadi",
            "perpetrator",
        ),
        (
            "Nine people were killed in the attack on the magazine in 2017. Eleven defendants, including "
            "Emre Kocabas and Amir Hadjadi, are on trial.",
            "Amir Hadjadi",
            "perpetrator",
        ),
        (
            "Nine people were killed in the attack on the magazine in 2017. Emre Kocabas was sentenced to 25 "
            "years; Amir Hadjadi received 18 years.",
            "Amir Hadjadi",
            "perpetrator",
        ),
        (
            "Nine people were killed in the attack on the magazine in 2017. Prosecutors say Emre Kocabas "
            "helped the gunmen buy weapons.",
            "Emre Kocabas",
            "perpetrator",
        ),
        # "he" cannot be the wife named beside him
        (
            "Six people were killed at a house party. Police said Wesley Harte walked into the home he used to "
            "share with his estranged wife, Rebecca. He shot and killed her and five others.",
            "Wesley Harte",
            "perpetrator",
        ),
        # colleagues he killed are no attacker he stopped ("driver" is also a role noun)
        (
            "Three people were killed at the depot. Danny Lam, 42, killed three fellow drivers and wounded two "
            "others before he killed himself in front of police.",
            "Danny Lam",
            "perpetrator",
        ),
        # the gun he pulled out is no one he pulled to safety
        (
            "Two students were killed in the cafeteria. Tavin Redcloud walked up to a table, pulled out a gun "
            "and shot three teen girls, witnesses said. Five people were wounded.",
            "Tavin Redcloud",
            "perpetrator",
        ),
        # a name the small model does not tag, with the deed it carried out
        (
            "On 12 March 1987, Baruch Lehrmann, a physician and extremist of the far-right movement, carried "
            "out a mass shooting of worshippers at the mosque, killing 17 people. Lehrmann was overpowered.",
            "Baruch Lehrmann",
            "perpetrator",
        ),
        # the deed his pronoun owns later in his own sentence
        (
            "Four men were shot dead across the city. Wade Halloran had been released on parole six months "
            "before his killing spree, which left four people dead.",
            "Wade Halloran",
            "perpetrator",
        ),
        (
            "Four men were shot dead across the city. Lawyer Dana Whitcombe said the survivors remember how "
            "the man carried out his attack, which left four people dead.",
            "Dana Whitcombe",
            "other",
        ),
        # the driver of the van is still the attacker ("driver" is also a trade)
        (
            "Nine people were killed when a van hit pedestrians. The driver, Pavel Drobny, was arrested.",
            "Pavel Drobny",
            "perpetrator",
        ),
        # an attacker who called police himself is no helper
        (
            "A gunman shot dead a receptionist and took a woman hostage. Abdirahim Warfaa shot dead the "
            "receptionist, Li Wen, before he died in a shoot-out with police. Warfaa then called police "
            "himself, the court heard. Two people died.",
            "Abdirahim Warfaa",
            "perpetrator",
        ),
        # a bomb he put there, in the active voice
        (
            "Bombs on three commuter trains killed 84 people on Monday. Police said Rachid Zoubiri planted at "
            "least one bomb.",
            "Rachid Zoubiri",
            "perpetrator",
        ),
        # the lives he took
        (
            "Seven people were killed at the shopping centre. A troubled young man, Ali Farzami, took seven lives "
            "as panic set in.",
            "Ali Farzami",
            "perpetrator",
        ),
        # the planner, named as such
        (
            "Fifteen people were killed when gunmen stormed the hotel. Kanta Dallow, the alleged mastermind, "
            "grew up in Mopti.",
            "Kanta Dallow",
            "perpetrator",
        ),
        # the title before an age: "the gunman 58-year-old NAME"
        (
            "Six people were killed, including the gunman 58-year-old Radek Tomasek, and one other person was injured.",
            "Radek Tomasek",
            "perpetrator",
        ),
        # his own bomb, counted among the dead
        (
            "Eleven people died at the festival. Wolfram Stadler was among the 11 killed when his bomb "
            "exploded in a bin.",
            "Wolfram Stadler",
            "perpetrator",
        ),
        # among the attackers (and, in the same words, among the dead)
        (
            "Seventeen people were killed in the attacks. Former fighter Magomed Tazhurov was among those who "
            "attacked sites in Kizlyar, according to Interfax.",
            "Magomed Tazhurov",
            "perpetrator",
        ),
        (
            "Seventeen people were killed in the attacks. Priest Vasily Morozkin was among those who died.",
            "Vasily Morozkin",
            "victim",
        ),
        # a court step in a clause the parser hangs on the verb before the name
        (
            "Eleven people died when a car drove into a crowded street, which ended with Adam Kessler being "
            "charged with eleven counts of murder.",
            "Adam Kessler",
            "perpetrator",
        ),
        # a deed he owns through "whose"
        (
            "Six people died in the supermarket. Colleagues of Tomas Reyna, whose rampage lasted an hour, "
            "were stunned.",
            "Tomas Reyna",
            "perpetrator",
        ),
        # the weapon bought for the attack
        (
            "Three people were killed in the mall attack. Two weeks before the attack, Dean Morrow bought a "
            "semi-automatic rifle online.",
            "Dean Morrow",
            "perpetrator",
        ),
        # "he" in a clause before the name, hung on the name's verb
        (
            "Two men were killed in the stabbing rampage. A year after he stabbed two men at the station, "
            "Shane Pruitt is fit to stand trial, doctors say.",
            "Shane Pruitt",
            "perpetrator",
        ),
        # the bomb he placed, in a participle clause
        (
            "Fifteen people were injured in the festival bombing. Investigators believe the bomb planted by "
            "Dale Rooke went off early.",
            "Dale Rooke",
            "perpetrator",
        ),
        # a vehicle driven along a way people walk or cycle, or through them, hitting them
        (
            "Five people were killed in the van attack. Dale Rooke, 29, drove a hired van down a busy cycle "
            "path by the river.",
            "Dale Rooke",
            "perpetrator",
        ),
        (
            "Forty people were killed in the truck attack. Dale Rooke drove the lorry along the promenade for two "
            "kilometres.",
            "Dale Rooke",
            "perpetrator",
        ),
        (
            "Eleven people were killed in the van attack. Dale Rooke zigzagged the van through the crowd on the "
            "boulevard.",
            "Dale Rooke",
            "perpetrator",
        ),
        # the identity of the role noun, established
        (
            "Thirty people were killed in the station bombing. Prosecutors have established the identity of the "
            "attacker as Karim Oulmane, 20.",
            "Karim Oulmane",
            "perpetrator",
        ),
        # shot by the police after "he" attacked
        (
            "Three people were killed in the fair shooting. The mayor praised the two police officers who shot "
            "and wounded Dale Rooke seconds after he opened fire.",
            "Dale Rooke",
            "perpetrator",
        ),
        # "was shot and killed": both passive, so no deed of his
        (
            "Three people were killed in the stand-off. Police said Colin Marsh, who was shot and killed during "
            "the stand-off at a dairy farm near Wattle Creek on March 3, had lived there for years.",
            "Colin Marsh",
            "victim",
        ),
        # the suspect's own end, however often it is told
        (
            "Two soldiers were hurt in the ramming. The suspect, Luc Bernier, 31, was shot and killed when "
            "officers stopped his car. Bernier was hit by several bullets.",
            "Luc Bernier",
            "perpetrator",
        ),
        # those who knew the attacker remember him too
        (
            "Five people were killed in the rampage. Tomas Reyna shot five people at the warehouse. A neighbour "
            "remembered Tomas Reyna as a quiet man.",
            "Tomas Reyna",
            "perpetrator",
        ),
        # wounded, then charged: the defendant, not a victim
        (
            "Two guards were killed in the shooting at the town hall. Owen Dane was shot in the leg and was "
            "charged with two counts of murder.",
            "Owen Dane",
            "perpetrator",
        ),
        # one of a group a participle puts on trial, and one of a group it says were hurt
        (
            "Six people were killed in the bombing. As the verdicts were read, one of the convicted men, Yusuf "
            "Haddad, shouted at the jury.",
            "Yusuf Haddad",
            "perpetrator",
        ),
        (
            "Six people were killed in the bombing. Speaking from hospital, one of the wounded men, Yusuf "
            "Haddad, thanked the nurses.",
            "Yusuf Haddad",
            "victim",
        ),
        # an apposition whose clause tells what he tried to do
        (
            "Thirteen people were killed in the festival bombing. Investigators still know little about Karl "
            "Mertens, the man who tried to plant a bomb at the gate.",
            "Karl Mertens",
            "perpetrator",
        ),
        # the group a name is among
        (
            "Fourteen people were killed in the hotel attack. Owen Dane, whom police had first thought dead, is "
            "among the suspects now held by police.",
            "Owen Dane",
            "perpetrator",
        ),
        (
            "Fourteen people were killed in the hotel attack. Owen Dane, a waiter at the bar, is among the "
            "wounded in hospital.",
            "Owen Dane",
            "victim",
        ),
        # an appeal of his own is a court step; an appeal for witnesses is not
        (
            "Nine people were killed when a bomb exploded in the station attack. The supreme court rejected Dale "
            "Rooke's appeal on Monday.",
            "Dale Rooke",
            "perpetrator",
        ),
        # brothers are no group's members: what is said of "the Oulmane brothers" is said of the two men
        (
            "Nine people were killed at the magazine's office. Omar and Karim Oulmane opened fire on the staff. "
            "The Oulmane brothers were shot dead two days later.",
            "Karim Oulmane",
            "perpetrator",
        ),
        # "co-defendant", split in three, throws the parser off the title
        (
            "A bomb at the depot killed six people. The jury heard that Hanley and co-defendant Tariq Mansour, "
            "a Jordanian, rented a flat near the depot.",
            "Tariq Mansour",
            "perpetrator",
        ),
        # a clause hung on the relative noun the name is set beside
        (
            "Nine people were killed in the metro bombing. Vickers and his brother Neil Vickers, who was given a "
            "20-year prison term, appealed in March. Darrel Vickers was given a life term.",
            "Neil Vickers",
            "perpetrator",
        ),
        # what an inquest found outweighs how he died; injuring people is an attack, injuring a knee is not
        (
            "Eleven people died in the stabbings on the reserve. An inquest jury found Orrin Tusk responsible for "
            "the deaths, and a second jury found that Tusk died of an overdose in custody.",
            "Orrin Tusk",
            "perpetrator",
        ),
        (
            "The stabbings on the reserve killed 11. Owen Dane also injured 17 community members in the attack.",
            "Owen Dane",
            "perpetrator",
        ),
        (
            "The shooting at the school killed 11. Owen Dane injured his knee as he fled the building.",
            "Owen Dane",
            "other",
        ),
        # the noun whose name a relative clause gives; a dead woman identified is no attacker
        (
            "The gunman, whose name police have not released but the local paper confirmed as Gideon Stahl, "
            "entered a writing class and killed nine people.",
            "Gideon Stahl",
            "perpetrator",
        ),
        (
            "Police identified the dead woman as Ruth Pike, 45. The gunman shot five people at the mall.",
            "Ruth Pike",
            "other",
        ),
        # a name "he" went by, after a sentence about the suspect, is his; a name the victim went by is hers
        (
            "Two soldiers were shot dead outside the recruiting office. The suspect, Tariq Mansour, 24, lived "
            "on Elm Drive. He was formerly known as Colin Marsh and moved to the city two months ago.",
            "Colin Marsh",
            "perpetrator",
        ),
        (
            "A third suspect was named by the prosecutor as Luc Bernier. Previously known under the false name "
            "of Pell Varga, he made bombs for the attacks that killed 32 people.",
            "Pell Varga",
            "perpetrator",
        ),
        (
            "The victim, Ruth Pike, 44, worked at the school that the gunman attacked, killing five. She was "
            "formerly known as Ruth Dane.",
            "Ruth Dane",
            "victim",
        ),
        # who sold the attacker his gun stands trial too, but is no attacker; unless the court calls him an
        # accomplice, or he attacked too; who supplied the weapons is the accomplice reports describe
        (
            "Four people were killed in the museum shooting. Nacer Dane, who supplied the gunman with the "
            "weapons used in the attack, was found guilty and sentenced to 15 years in prison.",
            "Nacer Dane",
            "perpetrator",
        ),
        (
            "Nine people were killed in the mall shooting. Gordon Vail, a repeat offender who is accused of "
            "having sold the rifle to the killer, denies the charges. The gunman, Colin Marsh, shot himself.",
            "Gordon Vail",
            "other",
        ),
        (
            "Nine people were killed in the mall shooting by Colin Marsh. Gordon Vail pleaded guilty to a "
            "felony count of dealing and manufacturing firearms without a license.",
            "Gordon Vail",
            "other",
        ),
        (
            "Nine people were killed in the museum shooting. Marsh was found guilty of four murders, whilst "
            "Gordon Vail was found guilty of being an accomplice by selling Marsh the weapons.",
            "Gordon Vail",
            "perpetrator",
        ),
        (
            "Two gunmen killed 12 people at the office. Pell Varga sold his brother a rifle and then shot four "
            "people himself.",
            "Pell Varga",
            "perpetrator",
        ),
        (
            "Four people were killed in the museum shooting. Nacer Dane, who is being tried as the gunman's "
            "accomplice, said he was ashamed.",
            "Nacer Dane",
            "perpetrator",
        ),
        # with no other cue, the weapon he used ties a name beside the toll to the attack
        (
            "An argument between Army Spc. Tomas Reyna, 34, and other soldiers may have preceded a shooting "
            "rampage that left four troops including the gunman dead and 16 others injured, the commander said. "
            "He confirmed that the semi-automatic handgun Reyna used in the shooting was bought on March 1.",
            "Tomas Reyna",
            "perpetrator",
        ),
    ],
)
def test_roles_read_from_the_phrasings_of_real_reports(checker: Checker, body: str, name: str, role: str) -> None:
    report = check(checker, article_from_text(body))
    assert [a.role for a in report.actors if name in (a.name, *a.aliases)] == [role]


def test_a_weekday_after_a_name_is_no_part_of_it(checker: Checker) -> None:
    body = (
        "A gunman took the lives of 20-year-old Ana Costa, 20-year-old Brian Hale and 19-year-old Emily Rose "
        "Carter Monday. Police said the gunman, Luc Bernier, shot himself on Monday."
    )
    report = check(checker, article_from_text(body))
    assert "Emily Rose Carter" in {a.name for a in report.actors}
    assert [a.name for a in report.actors if a.role == "perpetrator"] == ["Luc Bernier"]


def test_a_wiki_heading_and_a_name_written_twice_leave_the_name_alone(checker: Checker) -> None:
    body = (
        "Three hundred people were killed in the school siege.\n\n==Trial==\nAbu-Bakar Temirayev, the only "
        "surviving hostage-taker, was sentenced to life in prison.\n\nRustam Nazarov Rustam Nazarov, 26, who "
        "worked at a factory, has a child."
    )
    actors = {a.name: a.role for a in check(checker, article_from_text(body)).actors}
    assert actors == {"Abu-Bakar Temirayev": "perpetrator", "Rustam Nazarov": "other"}


def test_a_dateline_in_capitals_is_a_place_not_the_one_sentenced(checker: Checker) -> None:
    body = (
        "NOVÉ ZÁMKY, Slovakia — A 72-year-old writer, Pell Varga, has been sentenced to 21 years in prison for "
        "the assassination attempt in which the mayor and two of his aides were wounded.\n\n"
        "The mayor was rushed to a hospital in Nové Zámky, where he had two surgeries."
    )
    report = check(checker, article_from_text(body))
    assert [a.name for a in report.actors if a.role == "perpetrator"] == ["Pell Varga"]


def test_the_second_of_two_joined_acts_after_an_aged_name(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Mourners gathered on Saturday, one year after 27-year-old Travis Kemper walked into a crowded late "
        'screening of the film "Iron Harbor" and opened fire. Nine people were killed.',
    )
    assert roles(cast)["Travis Kemper"] == "perpetrator"
    shopper = cast_of(
        nlp,
        lexicon,
        "Twelve people were killed in the shooting. Maria Lopez walked into the store and opened the door for "
        "her mother.",
    )
    assert roles(shopper)["Maria Lopez"] != "perpetrator"


def test_a_surname_misspelt_by_one_letter_is_the_same_person(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Gunman kills four in city rampage\n\nWade Brandmayer, 47, shot four men dead across the city on "
            "Tuesday. Police said Brandmeyer had been released on parole in March. Brandmeyer was arrested near "
            "a hotel. Judge Anna Brandmann said the court would sit on Monday."
        ),
    )
    perpetrator = next(a for a in report.actors if a.role == "perpetrator")
    assert perpetrator.name == "Wade Brandmayer"
    assert "Brandmeyer" in perpetrator.aliases
    assert perpetrator.mentions == 3
    assert [a.role for a in report.actors if a.name == "Anna Brandmann"] == ["official"]  # a full name of her own


def test_a_sentence_the_page_repeats_ties_a_name_to_the_gunmen_once(checker: Checker) -> None:
    """A summary bullet that repeats a sentence of the story is one piece of evidence, not two."""
    widow = "Ruth Pike, 45, a widow from the village, lost her husband when the gunmen killed 13 people last July."
    roles_by_name = report_roles(
        checker, f"\u2022 {widow}\n\nA year after the attack, the village is rebuilding its school.\n\n{widow}"
    )
    assert roles_by_name.get("Ruth Pike") != "perpetrator"


def test_a_name_beside_the_toll_but_tied_to_the_gunman_again_and_again_is_the_attacker(checker: Checker) -> None:
    """Being named near a casualty statement is the weakest victim cue: with no perpetrator found, the
    person the story keeps placing beside "the gunman" is taken as the attacker; a victim who was shot
    stays a victim."""
    attacker = report_roles(
        checker,
        "Six people were killed in the shooting at the hall on Sunday night. Lukas T., 41, was a former "
        "member of the congregation. Investigators said the gunman had left the community a year ago and that "
        "Lukas T. was a licensed marksman. Police say the gunman owned the pistol legally, and Lukas T. had "
        "been visited by officers in June.",
    )
    victim = report_roles(
        checker,
        "Six people were killed in the shooting at the hall on Sunday night. Anna K., 41, was among the "
        "dead. Witnesses said the gunman shot Anna K. first and that Anna K. had tried to flee. Police say the "
        "gunman owned the pistol legally, and Anna K. was a nurse.",
    )
    assert attacker["Lukas T."] == "perpetrator"
    assert victim["Anna K."] == "victim"


def test_a_name_written_with_only_the_initial_of_its_surname_is_the_suspects(checker: Checker) -> None:
    """Police and courts in Germany, Austria and France withhold a suspect's surname: in an attack story
    that names no attacker otherwise, "Holger W." is the suspect, though no sentence calls him so."""
    suspect = report_roles(
        checker,
        "Four people were killed when a car drove into the crowd at the market on Saturday.\n\nThe town cancelled "
        "its festival.\n\nProsecutors are examining the mental health of Holger W., 52, who lives in the town.",
    )
    assert suspect["Holger W."] == "perpetrator"
    # once the attacker is named, a neighbour written the same way is only a neighbour
    neighbour = report_roles(
        checker,
        "Five people were killed at the market on Monday. The gunman, Dale Rooke, opened fire on shoppers. "
        "Holger W., 40, who lives nearby, heard the shots.",
    )
    assert neighbour["Dale Rooke"] == "perpetrator"
    assert neighbour.get("Holger W.") != "perpetrator"


def test_someone_identified_by_what_he_did_to_the_attacker_stopped_him(nlp: Language, lexicon: ActorLexicon) -> None:
    stopper = cast_of(
        nlp,
        lexicon,
        "Three people were stabbed to death at the market. A taxi driver who shot the assailant was identified "
        "as Dale Rooke.",
    )
    assert roles(stopper)["Dale Rooke"] == "helper"
    attacker = cast_of(
        nlp,
        lexicon,
        "Three people were stabbed to death at the market. A man who shot four shoppers was identified as Dale Rooke.",
    )
    assert roles(attacker)["Dale Rooke"] == "perpetrator"
    # The parser ends the relative clause late and reads "the attacker was identified as NAME" as a clause.
    misparsed = cast_of(
        nlp,
        lexicon,
        "A gunman killed four people at the market on Friday. A delivery driver who shot and wounded the attacker "
        "was identified as Colin Marsh.",
    )
    assert roles(misparsed).get("Colin Marsh") != "perpetrator"


def test_people_named_as_shot_are_several_victims_though_no_count_is_written(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "A gunman opened fire at a softball practice on Saturday morning. Congressman Owen Dane was shot "
        "in the leg. His aide, Nate Purcell, was also shot. Police said the gunman, Neil Forster, shot at the "
        "players before officers returned fire.",
    )
    assert roles_by_name["Neil Forster"] == "perpetrator"
    one_harmed = report_roles(
        checker,
        "A man was shot in the hip outside a bar on Wednesday. Police said Neil Forster shot at him after an argument.",
    )
    assert one_harmed.get("Neil Forster") != "perpetrator"  # one person shot: crime news, not an attack


def test_people_named_as_wounded_make_an_attack_story_of_a_shooting(checker: Checker) -> None:
    """The harm they suffered is the casualty, so the rules that need an attack story run."""
    analysis, _ = analyse(
        checker,
        article_from_text(
            "A gunman opened fire at a county fair on Saturday. Councillor Owen Dane was wounded in the leg. A "
            "steward, Nate Purcell, was also shot. Police said the gunman, Neil Forster, fired at the crowd "
            "before officers returned fire."
        ),
    )
    assert analysis.context.attack
    assert analysis.context.several_victims


def test_shot_and_wounded_by_a_policeman_is_no_victim(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text(
            "Two police officers were attacked outside the cathedral. Karim Ouazzi, a 37-year-old doctorate "
            "student, was shot and wounded by another policeman during the attack."
        ),
    )
    assert [a.cues for a in analysis.cast.actors if a.name == "Karim Ouazzi"] == [("shot-by-police",)]


@pytest.mark.parametrize(
    "body",
    [
        # a trade, not the driver of a ramming
        "Three people were killed at the depot. Police identified one of the people killed as 46-year-old Pete "
        "Falemaka, a parcel driver.",
        "Sixteen people were killed in the town. Marcus Barnet, a taxi-driver, was also among the victims.",
        # an "-ing" clause after an object's apposition is the attacker's, not hers
        "A man stabbed three people at the station. He then attacked Knox's partner, Anna Charlotte, slashing "
        "her across the face as the couple walked towards a platform.",
        # with no attacker named, the fallback looks for someone tied to "the shooter": a child listed with
        # the day she was killed did nothing to anyone
        "Vigil held for children killed in church shooting. Maisie Corliss, 10, and Tobias Wrenfield, 8, killed "
        "May 14. Ten-year-old Maisie Corliss was a joyful big sister. The archbishop noted prayers for the family "
        "of Maisie Corliss and of the other people affected by the shooting. Police said the shooter had planned "
        "the attack for months. The shooter died at the scene.",
        # killers he admired, listed with "including", are not this attack's
        "Twelve people were killed in the school shooting. He posted videos admiring notorious killers, "
        "including Victor Kramm and Otto Velsing.",
        # "he" stays unresolved beside another man
        "Eight people were killed at a house party. Police said Wesley Harte walked into the home with his "
        "friend, Tom Ruiz. He shot and killed eight people.",
        # someone else's bomb, told in a clause of its own
        "Thirteen people died at the festival. Ana Ruiz said the man was killed when his bomb exploded in a bin.",
        # "took his own life" is a death, not lives taken
        "Nine people were killed at the shopping centre. Dan Revelle, a waiter, took his own life a year later.",
        # a passer-by who filmed the attack did not carry it out
        "Six people died at the school. The attack was filmed by a passer-by, Jane Morrow, who sent the video "
        "to police.",
        # the truck strikes the family out walking, not the family anyone
        "Four members of a family were killed in the truck attack. Ann Crane, 44, her husband Tom Crane, 46, and "
        "their son Leo Crane were out for a stroll after dinner when a van swerved across the kerb, striking the "
        "family and leaving the boy badly hurt.",
        # a drive to work, on a road
        "Eight people were killed in the truck attack. Dale Rooke, a neighbour, drove his van down the road to "
        "work that morning.",
        # shot by the police as he fled: no attack told
        "Three people were killed in the shooting. Officers shot Dale Rooke as he fled the scene.",
        # a bomb found, not placed; a car owned, not a deed
        "Six people died at the festival. The second bomb, found by Jane Morrow, a cleaner, was made safe.",
        "Seven people were killed in the shooting. Police spoke to Tom Ruiz, whose car was damaged in the attack.",
        # he helped his classmates, though the clause before has him see the gunman
        "Two students were killed in the school shooting. Neil Forster, a sophomore, saw the gunman from the "
        "stairs but helped his classmates to safety.",
        # an appeal for witnesses is no court step
        "Nine people were killed in the station bombing. Ruth Pike's appeal for witnesses was shared widely.",
        # a name before "militants" is a group's
        "At least 40 people were killed when suspected Harqat Jund militants attacked the town, police said. "
        "Witnesses saw the Harqat Jund flag over the market.",
        # a mother who bought her son a rifle is his mother
        "Four students were killed in the school shooting. His mother, Ann Crane, bought him a pistol as a gift.",
    ],
)
def test_nobody_here_is_the_perpetrator(checker: Checker, body: str) -> None:
    analysis, _ = analyse(checker, article_from_text(body))
    assert not analysis.cast.perpetrators


def test_a_name_he_went_by_and_his_name_spelt_with_or_without_a_hyphen_are_one_person(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text(
            "A bomb exploded in a taxi outside the hospital on Saturday, injuring the driver. Nasser al-Qudwari, "
            "also known as Marco Aleni, was killed. Police said Nasser Al Qudwari had made the bomb. Marco Aleni "
            "had converted to Catholicism."
        ),
    )
    (actor,) = analysis.cast.actors
    assert {"Nasser al-Qudwari", "Marco Aleni"} <= {actor.name, *actor.aliases}
    assert len(actor.mentions) == 4


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a clause about him that ends on the name he took
        (
            "Police named the bomber as Nasser Qudwan, who came to Britain as a refugee, converted to Catholicism "
            "six years ago and took on the name Marco Aleni.",
            {"Nasser Qudwan", "Marco Aleni"},
        ),
        (
            "The bomber, Nasser Qudwan, formerly known as Marco Aleni, had rented a flat in the city.",
            {"Nasser Qudwan", "Marco Aleni"},
        ),
        # his surname alone, which nobody else in the story has
        (
            "Police said the bomber was Mohammad Dalal. Dalal, who was allegedly known as Abu Yusuf al-Karri, had "
            "rented a flat.",
            {"Mohammad Dalal", "Abu Yusuf al-Karri"},
        ),
        # one word he went by, which the small model does not tag as a name
        (
            "Police said the bomber was Mohammad Dalal. Dalal, 29, who is also known as Tariq is from the north.",
            {"Mohammad Dalal", "Tariq"},
        ),
        (
            "Police named the bomber as Nadia Kessler, 19, a student who lived nearby and went by the name Sam.",
            {"Nadia Kessler", "Sam"},
        ),
        # in the next sentence, which opens on his pronoun
        (
            "Police named the bomber as Nasser Qudwan, aged 45, of Syrian origin. He goes by the name Salem "
            "Kourani, a newspaper reported.",
            {"Nasser Qudwan", "Salem Kourani"},
        ),
    ],
)
def test_a_name_he_took_is_his(checker: Checker, sentence: str, names: set[str]) -> None:
    analysis, _ = analyse(checker, article_from_text(f"A bomb exploded in a taxi outside the hospital.\n\n{sentence}"))
    assert any(names <= {a.name, *a.aliases} for a in analysis.cast.actors)


def test_a_name_he_used_in_his_video_is_the_perpetrators(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "A gunman shot dead two people on Monday. In a video posted after the attack, the attacker used the "
        "name 'Salem Kourani' and boasted about the killings.",
    )
    assert roles_by_name.get("Salem Kourani") == "perpetrator"


def test_a_first_name_alone_stays_with_the_man_whose_alias_it_is(checker: Checker) -> None:
    """The one-word "Kalle" belongs to "Kalle Brandt", a name the gunman went by; merging that name into his
    must not hand the one-word mention to whoever comes next in the story."""
    analysis, _ = analyse(
        checker,
        article_from_text(
            "A gunman killed four people at the bus station on Monday. Police named him as Karl Brenner, 34. "
            "Brenner, who also goes by the name Kalle Brandt online, was shot dead by officers.\n\nA neighbour, "
            "Jim Oakes, said Kalle had been quiet."
        ),
    )
    by_name = {a.name: a for a in analysis.cast.actors}
    assert "Kalle" in by_name["Karl Brenner"].aliases
    assert len(by_name["Jim Oakes"].mentions) == 1


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Twenty people were killed when gunmen stormed the hotel.\n\nThe group known as Al-Sawaiq identified the "
            "gunmen as Abdel Wahid Nasri and Youssef Mzali.",
            "Al-Sawaiq",
        ),
        ("Militants killed 30 people at the market. The Harqat Jund, also known as Sawaiq, claimed it.", "Sawaiq"),
        # a place's other name, though the sentence has an attacker in it
        ("The gunman opened fire at the mosque, also known as Masjid Noor, killing 40 people.", "Masjid Noor"),
    ],
)
def test_another_name_of_a_group_or_a_place_is_no_perpetrator(checker: Checker, body: str, name: str) -> None:
    analysis, _ = analyse(checker, article_from_text(body))
    assert name not in {a.name for a in analysis.cast.perpetrators}


def test_a_court_verb_opening_the_sentence_is_no_part_of_the_name(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "A bomb on the underground train injured 22 people in the attack. Sentencing Arif Qasemi, Mr Justice "
        'Ashby-Nolan said: "Your intention was to kill." Qasemi left a homemade bomb on the train.',
    )
    assert roles_by_name.get("Arif Qasemi") == "perpetrator"
    assert not any(name.startswith("Sentencing") for name in roles_by_name)


@pytest.mark.parametrize(
    ("body", "attack"),
    [
        # a vehicle driven through a parade, told in a sentencing report
        (
            "A man who drove his SUV through the parade was sentenced to life in prison on Wednesday. Five "
            "people were killed and dozens were injured.",
            True,
        ),
        # a court report on a terrorist killing that names no weapon
        (
            "The man accused of the shooting was charged with murder and domestic terrorism on Monday. Eight people "
            "were killed and four were injured.",
            True,
        ),
        # people hurt, not killed, by a driver
        (
            "Thirteen people were hurt when a driver rammed pedestrians at five places in the city. The rampage "
            "lasted half an hour, prosecutors said.",
            True,
        ),
        # the violence named by its aftermath, the deaths as "the killings"
        (
            "A year after the carnage, the town remembers. The gunfire that night emptied the main street, and "
            "the killings changed the town for good.",
            True,
        ),
        # people shot, told without "gunman", "opened fire" or a weapon
        (
            "Four people were shot in the cafeteria at lunchtime, and two of them died in hospital. The shooting "
            "lasted a minute.",
            True,
        ),
        # a beheading in a terrorist attack
        (
            "The attacker rammed his van into the gas tanks of the factory. He had beheaded his employer, "
            "prosecutors said, in what they called a terrorist attack.",
            True,
        ),
        # a shot and shooting in sport, with players hurt
        (
            "Two players were hurt in a collision in the first half. Lee's shot hit the post, and his shooting "
            "from distance was poor all night.",
            False,
        ),
        # a flu shot, in a season that killed thousands and "attacked" the lungs
        (
            "The flu season killed 4,000 people. The virus attacked the lungs of older patients, and only a third "
            "had a flu shot, officials said.",
            False,
        ),
        # a story on gun laws counts its dead and names the weapons
        (
            "Gun deaths rose again last year: 48,000 people died, the agency said. Rifles and pistols were used "
            "in most of them, and lawmakers will debate a ban.",
            False,
        ),
        # a single murder is crime news
        ("A man was charged with the murder of his wife on Monday. She was found dead at home.", False),
        # a school shooting is in scope whatever its toll
        (
            "A student opened fire at Ridgeview High on Tuesday, killing a classmate, in the state's third school "
            "shooting this year.",
            True,
        ),
        # so is an extremist's attack on one person
        (
            "An IS-inspired gunman shot dead a receptionist and took a woman hostage in the apartment block before "
            "police killed him in a shoot-out.",
            True,
        ),
        # a drill for one is not an attack
        (
            "The district ran a school shooting drill on Monday. Nobody was hurt, and parents were told in advance.",
            False,
        ),
    ],
)
def test_attack_stories_with_and_without_the_usual_attack_words(checker: Checker, body: str, attack: bool) -> None:
    analysis, _ = analyse(checker, article_from_text(body))
    assert analysis.context.attack_story is attack


@pytest.mark.parametrize(
    ("body", "not_perpetrators"),
    [
        # the names he is accused of killing, listed with ages after semicolons
        (
            "Six people were killed in shootings at three spas. Curtis Dale Frane is accused of killing Meiling "
            "“Amy” Zhou, 51; Wenhui Lam, 46; Marisa Pyle, 31; and Gary Stenholm, 57, at a spa on June 9.",
            ["Wenhui Lam", "Marisa Pyle", "Gary Stenholm"],
        ),
        # a comma after the name and a new clause whose subject is the gunman
        (
            "A soldier was shot dead at the memorial in the attack. After targeting Dean Parrino, the gunman made "
            "his way down the street to the assembly building, where he was killed.",
            ["Dean Parrino"],
        ),
        # a source named in "according to NAME," before the attacker's verb
        (
            "Three people were killed in the attacks. Belkhir, a radicalised petty criminal, had acted cowardly, "
            "according to general advocate Alexa Vermeulen, shot dead a man at a meeting place in the city.",
            ["Alexa Vermeulen"],
        ),
        # the attacker's surgeon: "shooter's" owns the noun after it
        (
            "Four people were killed at the hospital. Curtis Ambler, the shooter's orthopedic surgeon who had "
            "performed his back surgery weeks before, was the intended target. The gunman killed himself.",
            ["Curtis Ambler"],
        ),
        # "took the lives of" names the people killed, beside "gunman" twice
        (
            "Three students were killed at the university on Tuesday night. A gunman took the lives of 21-year-old "
            "Kaitlyn Dorsey, 21-year-old Evan Prall and 18-year-old Nia Sunday. Kaitlyn Dorsey was just 21 "
            "when a gunman took her life on Tuesday.",
            ["Kaitlyn Dorsey", "Evan Prall"],
        ),
        # the group known by a name is not who it identifies ("as" belongs to "known")
        (
            "Twenty people were killed in the attack on the hotel. The group known as Al-Sawaiqoun identified "
            "the gunmen as Abdel Wahid Al-Tamimi and Mouaz Al-Tamimi, a report said.",
            ["Al-Sawaiqoun"],
        ),
    ],
)
def test_names_beside_the_attack_that_are_not_the_attacker(
    checker: Checker, body: str, not_perpetrators: list[str]
) -> None:
    report = check(checker, article_from_text(body))
    perpetrators = {a.name for a in report.actors if a.role == "perpetrator"}
    assert perpetrators.isdisjoint(not_perpetrators)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a people noun at the start of a bullet
        (
            "Man held over bombing on the underground\n\nTeenager arrested in the station area of the town. Teenager "
            "held by police after the bomb on the train injured 22 people in the attack.",
            "Teenager",
        ),
        # a dateline
        (
            "Tuscaloosa shooting survivors struggling\n\nTuscaloosa — A year after Lena Vossberg was shot in the head, "
            "the blast continues to reverberate through her life.\n\nCalm reigns in downtown Tuscaloosa a year "
            "after the killings. Roy Kettner, charged with the shooting spree that killed five people, is awaiting "
            "trial.\n\nAs for Tuscaloosa, which had two calamities in the past year, the city plans a memorial.",
            "Tuscaloosa",
        ),
        # a nationality with an article
        (
            "Four people were killed in the bombing. On May 3, the 23-year-old ethnic Chechen was found guilty "
            "of all 17 charges he faced.",
            "Chechen",
        ),
        # a town known by its company ("in downtown X", "X resident", "X, which")
        (
            "Gunman kills five in Tuscaloosa rampage\n\nCalm reigns in downtown Tuscaloosa a year after the killings. "
            "Roy Kettner, charged with the shooting spree that killed five people, is awaiting trial. Tuscaloosa "
            "resident Marian Doyle knew several of the people killed in the shooting. As for Tuscaloosa, which "
            "had two calamities in the past year, the city plans a memorial.",
            "Tuscaloosa",
        ),
        # a street
        (
            "Five people were killed when a car hurtled up Harcourt St in the city. We call it Harcourt St, the worst "
            "massacre in years. Harcourt St killed five people and changed the city.",
            "Harcourt St",
        ),
        # the last of a list of places
        (
            "A year has passed since the killing of more than 60 men by gunmen in Kestow, Marby, Hale and "
            "Dunmore, all in the county.",
            "Dunmore",
        ),
    ],
)
def test_words_that_look_like_names_are_nobody(checker: Checker, text: str, word: str) -> None:
    report = check(checker, article_from_text(text))
    assert word not in {a.name for a in report.actors}


def test_a_one_word_name_that_also_names_the_killings_is_no_person(checker: Checker) -> None:
    body = (
        "A jury has convicted Dale Rooke, 43, of seven counts of murder in the Fairwater killings. Rooke opened "
        "fire on his colleagues at the Fairwater office in December. Fairwater's chief executive said the "
        "verdict would bring closure."
    )
    report = check(checker, article_from_text(body, headline="Verdict for Fairwater Killer"))
    assert {a.name: a.role for a in report.actors} == {"Dale Rooke": "perpetrator"}


def test_a_name_with_a_family_and_a_later_he_in_its_sentence(checker: Checker) -> None:
    """The small model tags the name an organisation; his family and the "he" of his own sentence say
    who he is and what he did."""
    report = check(
        checker,
        article_from_text(
            "Seven people were killed in the shooting at the high school. Almost everyone at the school knew "
            "Vasilios Tsakalidis, or knew of him. Authorities said Tsakalidis wore a long coat to hide a "
            "shotgun and that he opened fire on a science class. Tsakalidis’ family released a statement."
        ),
    )
    assert [a.role for a in report.actors if a.name == "Vasilios Tsakalidis"] == ["perpetrator"]
    mother = check(
        checker,
        article_from_text("Seven people were killed in the shooting at the high school. Gunman’s mother spoke."),
    )
    assert not [a for a in mother.actors if a.name == "Gunman"]


def test_dead_shot_by_one_of_the_police_team_is_no_victim(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Five people were injured in the terror attack at the supermarket. When Fazrul Hameem arrived, "
            "he took a shopping trolley. Within a couple of minutes, Hameem was dead, shot by one of the "
            "police surveillance team."
        ),
    )
    assert [a.role for a in report.actors if a.name == "Fazrul Hameem"] not in ([], ["victim"])


def test_he_is_named_after_the_role_noun_of_his_sentence(checker: Checker) -> None:
    attacker = check(
        checker,
        article_from_text(
            "Two people were killed in the attack at the school. Police have not released the name of the "
            "21-year-old attacker, but Swedish media say he is Elias Lindqvist Hallberg of the town."
        ),
    )
    assert [a.role for a in attacker.actors if a.name == "Elias Lindqvist Hallberg"] == ["perpetrator"]
    teacher = check(
        checker,
        article_from_text(
            "Two people were killed in the attack at the school. Police have named the teacher who was killed, "
            "and media say he is Elias Lindqvist Hallberg of the town."
        ),
    )
    assert [a.role for a in teacher.actors if a.name == "Elias Lindqvist Hallberg"] != ["perpetrator"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The suspect in the attack, Karim Oulmane, remains in hospital.",
        "The man behind the attack, Karim Oulmane, had planned it for weeks.",
        "A jury found Karim Oulmane guilty of murder.",
        "Karim Oulmane faces the death penalty.",
        "Karim Oulmane's defence lawyers argued he was radicalised online.",
        "Karim Oulmane admitted to the attack.",
        "The trial of Karim Oulmane began on Monday.",
        "Investigators suspect Karim Oulmane, 29, of ramming the truck into the cyclists.",
        "Karim Oulmane has been named as the person behind the attack.",
    ],
)
def test_court_and_apposition_phrasings_name_the_attacker(checker: Checker, sentence: str) -> None:
    text = (
        "Six people were killed when a truck was driven down a crowded bike path on Thursday. "
        f"{sentence} Oulmane had lived in the city since 2013."
    )
    report = check(checker, article_from_text(text))
    assert [a.role for a in report.actors if a.name == "Karim Oulmane"] == ["perpetrator"]


def test_suspected_of_something_else_is_no_attacker(checker: Checker) -> None:
    text = (
        "Six people were killed when a truck was driven down a crowded bike path on Thursday. "
        "Police suspect Karim Oulmane of lying to investigators about his phone."
    )
    report = check(checker, article_from_text(text))
    assert [a.role for a in report.actors if a.name == "Karim Oulmane"] != ["perpetrator"]


def test_brothers_listed_after_the_role_noun_with_accented_names(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "Nine people were killed in the attack on the magazine's offices. The gunmen, brothers Naïm and "
        "Kémal Benhaddou, were killed by police two days later.",
    )
    assert roles_by_name.get("Naïm Benhaddou") == "perpetrator"
    assert roles_by_name.get("Kémal Benhaddou") == "perpetrator"


@pytest.mark.parametrize(
    ("sentences", "name"),
    [
        # "the man, named as NAME," and the role noun of the next sentence
        (
            "The governor said the man, named earlier as Uzbek national Bekzod Jurabayev, was believed to "
            "have entered the country in March. He said the suspect had confessed to the attack.",
            "Bekzod Jurabayev",
        ),
        # "identified himself as the shooter"
        (
            "Ramsey Oduya called 911 from inside the newsroom and identified himself as the shooter.",
            "Ramsey Oduya",
        ),
        # "the case against NAME"
        (
            "Jury selection was completed on Friday in the case against Ramsey Oduya, who called 911 moments "
            "after the rampage.",
            "Ramsey Oduya",
        ),
    ],
)
def test_the_man_named_as_himself_as_the_shooter_and_the_case_against(
    checker: Checker, sentences: str, name: str
) -> None:
    text = f"Four people were killed in the shooting at the newsroom. {sentences} Oduya and Jurabayev were held."
    report = check(checker, article_from_text(text))
    assert [a.role for a in report.actors if a.name == name] == ["perpetrator"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Six people were killed in the mass shooting by Curtis Vane, who wounded 19 more.",
        "Six people were killed in the shooting. Curtis Vane initially admitted guilt for the attack.",
    ],
)
def test_the_shooting_by_him_and_his_admitted_guilt(checker: Checker, sentence: str) -> None:
    report = check(checker, article_from_text(f"{sentence} Vane had been fired from his job."))
    assert [a.role for a in report.actors if a.name == "Curtis Vane"] == ["perpetrator"]


def test_a_juror_who_voted_on_the_sentence_is_no_defendant(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Eleven people were killed in the school shooting. Jury foreman Gordon Pellow said he did not "
            "vote for the life sentence the gunman now faces."
        ),
    )
    assert "perpetrator" not in [a.role for a in report.actors if a.name == "Gordon Pellow"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a sentence passed on the subject, shared by the people sentenced "along with" him
        (
            "Lena Voss was given a 20-year sentence, along with Omar Kadri, Yusuf Tamir and Ali Berisha.",
            ("Lena Voss", "Omar Kadri", "Yusuf Tamir", "Ali Berisha"),
        ),
        ("Three others, Tarik Abdel and Ablo Nisar, were handed jail terms for their part.", ("Tarik Abdel",)),
        # a sentence passed on the people after "to"
        (
            "Death sentences were handed down to Mohamed Omari, 23, Rachid Jalil, 27, and others.",
            ("Mohamed Omari", "Rachid Jalil"),
        ),
        # the inverted court report
        ("Also convicted was Mark Dalton, who provided assistance for the two.", ("Mark Dalton",)),
        # an apposition that the clause after it makes the attacker
        (
            "Graham Tolland, the man who shot dead 11 children and their teacher, had run youth groups.",
            ("Graham Tolland",),
        ),
        # named as the attacker through the noun that describes him
        ("The attacker was a first-year student, named locally as Damir Sultanov, 19.", ("Damir Sultanov",)),
        ("Choi Man-sik, 61, set fire to a train in the station.", ("Choi Man-sik",)),
    ],
)
def test_court_lists_and_descriptions_name_the_attackers(
    checker: Checker, sentence: str, names: tuple[str, ...]
) -> None:
    roles_by_name = report_roles(checker, f"Twelve people were killed in the attack in 2015. {sentence}")
    assert {name: roles_by_name.get(name) for name in names} == dict.fromkeys(names, "perpetrator")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # the companion of the people he killed is one of them
        (
            "Tomas Reyna killed Luc Bernier and Ruth Pike on 4 May along with school caretaker Colin Marsh, 58.",
            "Colin Marsh",
        ),
        (
            "Along with Owen Dane, who remains in critical condition, Vickers shot and wounded two officers.",
            "Owen Dane",
        ),
    ],
)
def test_a_companion_of_the_people_shot_is_no_attacker(checker: Checker, sentence: str, name: str) -> None:
    roles_by_name = report_roles(checker, f"Five people were shot at the park on Wednesday. {sentence}")
    assert roles_by_name.get(name) != "perpetrator"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # the role noun before "he", not the noun of who says it
        (
            "Although the suspect has not been officially named, police sources confirm he is Abdul Hasan Sharifi.",
            "Abdul Hasan Sharifi",
        ),
        # the group he is one of
        ("One of the gunmen was Omar Kadri, police said.", "Omar Kadri"),
        # who did the deed that opens the list
        (
            "Police are still searching for the person they believe masterminded the attack: Mohamed Mahmoudi, "
            "a former teacher.",
            "Mohamed Mahmoudi",
        ),
        # the group the apposition draws him from
        ("Lawyers of Abdel Sefraoui, one of the defendants in the trial, spoke on Monday.", "Abdel Sefraoui"),
        # the attack put down to him
        ("The attack was blamed on Mark Dalton, police said.", "Mark Dalton"),
        # the agent of a bomb left somewhere
        ("An improvised explosive device was left at the bakery by Mohamed Hisham.", "Mohamed Hisham"),
    ],
)
def test_who_is_named_after_the_attacker_in_other_words(checker: Checker, sentence: str, name: str) -> None:
    roles_by_name = report_roles(checker, f"Ten people were hurt in the attack in 2017. {sentence}")
    assert roles_by_name.get(name) == "perpetrator"


def test_one_of_the_victims_is_a_victim(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker, "Ten people were hurt in the attack in 2017. One of the victims was Ana Ruiz, 34."
    )
    assert roles_by_name.get("Ana Ruiz") == "victim"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # a hospital named as a place is no stay in hospital
        (
            "Nasser Qudwan, 34, was a passenger in a taxi when his homemade device exploded outside Northgate "
            "Women's Hospital.",
            "other",
        ),
        ("Ana Ruiz, 34, remains in hospital.", "victim"),
    ],
)
def test_a_hospital_as_a_place_and_a_stay_in_hospital(checker: Checker, sentence: str, role: str) -> None:
    name = sentence.split(",")[0]
    assert report_roles(checker, f"The attack happened on Sunday. {sentence}").get(name) == role


def test_a_name_whose_only_cue_is_his_own_death_is_tied_to_the_gunman(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "Two students were shot at the high school on Tuesday morning. According to officials, the evidence shows "
        "Colby Rusk fired a single shot in a school hallway that struck Kaylee Brandt in the head. After walking "
        "through the school, Rusk was confronted by the school resource officer, who fired at the gunman. "
        "Authorities said Rusk then shot himself in the head.",
    )
    assert roles_by_name.get("Colby Rusk") == "perpetrator"
    assert roles_by_name.get("Kaylee Brandt") == "victim"


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Police said Dennis McCallum was carrying a semiautomatic handgun and a shotgun.",
            "Dennis McCallum",
            "perpetrator",
        ),
        # an officer who carries a rifle is still an officer
        ("Police Sergeant Ana Ortiz, carrying a rifle, was the first to enter the building.", "Ana Ortiz", "official"),
    ],
)
def test_carrying_a_weapon(checker: Checker, sentence: str, name: str, role: str) -> None:
    roles_by_name = report_roles(checker, f"Seven people were shot dead at the office on Tuesday. {sentence}")
    assert roles_by_name.get(name) == role


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # his own death with the gun in hand
        ("As children screamed, Lyle Parton put a pistol to his head and killed himself.", "Lyle Parton"),
        ("Lyle Parton shot himself in the head after officers wounded him.", "Lyle Parton"),
        ("Lyle Parton died of a self-inflicted gunshot wound on the way to hospital.", "Lyle Parton"),
        ("Lyle Parton took his own life with a pistol.", "Lyle Parton"),
        # an identification passes the name on to the man who fired
        (
            "The young man, who would later be identified as a 25-year-old loner named Lyle Parton, lifted a "
            "rifle and fired three quick shots into the ceiling.",
            "Lyle Parton",
        ),
        # whose name it is
        ("Local media have reported the gunman's name is Lyle Parton.", "Lyle Parton"),
        ("The name of the suspect is Lyle Parton, police said.", "Lyle Parton"),
        # the deaths dealt by his hands
        ("The attack came at the hands of Lyle Parton, who had moved to the city months before.", "Lyle Parton"),
        # a role in a conjunct of the apposition, or in the group after "one of"
        ("Lyle Parton, a local man and the alleged mastermind of the attack, is still at large.", "Lyle Parton"),
        ("One of the authors of the attack, Lyle Parton, was killed by police.", "Lyle Parton"),
        # "he" takes up the man arrested in the sentence before
        ("Police have arrested a man over the attack. He is Lyle Parton, a former doctor.", "Lyle Parton"),
        # the subject of the clause a dash or colon closes
        ("The accused shooter was arrested – 15-year-old Lyle Parton.", "Lyle Parton"),
        ("Police said one gunman was responsible for the act: Lyle Parton, a 40-year-old veteran.", "Lyle Parton"),
        # what the participle after his act says he did, and an allegiance pledged
        ("Lyle Parton drove a rented truck down a crowded bike path, killing eight people.", "Lyle Parton"),
        ("Lyle Parton pledged allegiance to the Islamic State group in a call to 911.", "Lyle Parton"),
        # the attackers' helpers, the sentenced, and those whose sentence is counted
        ("The bombers were helped in the city by Lyle Parton, who let them live in his house.", "Lyle Parton"),
        ("The army said Lyle Parton had facilitated the terrorists who attacked the school.", "Lyle Parton"),
        ("Two of those sentenced to death, Lyle Parton (23) and Ann Wyse (27), admitted the plot.", "Lyle Parton"),
        ("Lyle Parton and Ann Wyse each received 86 counts of aggravated life imprisonment.", "Lyle Parton"),
    ],
)
def test_who_is_named_the_attacker_by_deed_name_or_pronoun(checker: Checker, sentence: str, name: str) -> None:
    roles_by_name = report_roles(checker, f"Seven people were shot dead at the office on Tuesday.\n\n{sentence}")
    assert roles_by_name.get(name) == "perpetrator"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # a survivor's death, with no weapon in his hand
        ("Lyle Parton, a survivor of the attack, killed himself two years later.", "Lyle Parton"),
        ("Lyle Parton, a survivor of the attack, took his own life in 2019.", "Lyle Parton"),
        # a shot that struck him, in a sentence that tells of the gunman's suicide
        (
            "Lyle Parton was shot, one of nine victims of the attack, which ended when the gunman killed himself "
            "with a pistol.",
            "Lyle Parton",
        ),
        # the victim's name, the author of a book, abuse suffered at someone's hands
        ("The victim's name is Lyle Parton, police said.", "Lyle Parton"),
        ("Lyle Parton, the author of a book about grief, spoke at the vigil.", "Lyle Parton"),
        ("The gunman had suffered abuse at the hands of his uncle, Lyle Parton.", "Lyle Parton"),
        # "he" after a sentence where the gunman killed a man: which of them?
        ("The gunman killed a man at the door. He was Lyle Parton, a father of two.", "Lyle Parton"),
        # the one named after the dash is the guard who stopped him
        ("The gunman was stopped by a guard – Lyle Parton, 45.", "Lyle Parton"),
        # the participle is the man's he remembered, or the extremists' his mother spoke of
        (
            "Officer Lyle Parton testified that he was on duty when he was struck by a car. He next remembered a "
            "man on top of him, stabbing him in the head.",
            "Lyle Parton",
        ),
        (
            "Lyle Parton said at a dedication marking the anniversary of her son's killing by a pair of "
            "extremists who went on a rampage, gunning down Joseph Parton and two officers.",
            "Lyle Parton",
        ),
        # no court step taken
        ("Lyle Parton was not charged with any offence.", "Lyle Parton"),
        # helped, but not the attacker: a nurse who helped the victims
        ("The victims were helped by Lyle Parton, a nurse.", "Lyle Parton"),
    ],
)
def test_who_is_not_named_the_attacker_by_those_words(checker: Checker, sentence: str, name: str) -> None:
    roles_by_name = report_roles(checker, f"Seven people were shot dead at the office on Tuesday.\n\n{sentence}")
    assert roles_by_name.get(name) != "perpetrator"


def test_the_attackers_relative_held_for_questioning_is_no_perpetrator(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "Three people were stabbed to death at the police headquarters.\n\nThe attacker, Marc Tellier, was shot "
        "dead. His wife, Ilse Tellier, was arrested on Thursday and later released.\n\nIn another case, his "
        "father, Jeff Rowe, was arrested and charged with manslaughter.",
    )
    assert roles_by_name.get("Marc Tellier") == "perpetrator"
    assert roles_by_name.get("Ilse Tellier") != "perpetrator"
    assert roles_by_name.get("Jeff Rowe") == "perpetrator"  # charged: the court's case, not custody alone


def test_an_assassins_story_is_in_scope_though_one_man_was_shot(checker: Checker) -> None:
    text = (
        "The prime minister was shot three times outside the town hall on Wednesday.\n\nThe would-be "
        "assassin, Milan Resko, 68, was charged with attempted murder. Resko had fired four rounds."
    )
    assert report_roles(checker, text).get("Milan Resko") == "perpetrator"


def test_a_nickname_of_assassin_in_sport_makes_nobody_a_perpetrator(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "The Silent Assassin strikes again\n\nMidfielder Tomas Lerida, the silent assassin of the league, "
            "scored twice as his side beat the champions. Lerida, 27, shot from the edge of the box to win it.",
        ),
    )
    assert not [a for a in report.actors if a.role == "perpetrator"]
    assert not [f for f in report.findings if f.severity in {"medium", "high", "critical"}]


def test_a_student_s_major_is_no_military_rank(nlp: Language, lexicon: ActorLexicon) -> None:
    student = cast_of(
        nlp,
        lexicon,
        "Six people were killed in the campus shooting. Neil Forster, a civil engineering major, had carried "
        "rifles into the library.",
    )
    assert roles(student)["Neil Forster"] != "official"
    officer = cast_of(
        nlp, lexicon, "Six people were killed in the campus shooting. Major Ken Dole said the campus was closed."
    )
    assert roles(officer)["Ken Dole"] == "official"


def test_a_rank_written_short_keeps_its_sentence_and_its_name(nlp: Language, lexicon: ActorLexicon) -> None:
    text = (
        "Five people were killed in the shooting at city hall. In the car park he shot Det. Colin Marsh dead and "
        "drove off in the car."
    )
    assert len(list(nlp(text).sents)) == 2
    assert roles(cast_of(nlp, lexicon, text)).get("Colin Marsh") != "perpetrator"


def test_a_third_driver_is_a_colleague_not_the_driver_of_an_attack(nlp: Language, lexicon: ActorLexicon) -> None:
    colleague = cast_of(
        nlp,
        lexicon,
        "Two drivers were killed in the shooting at the depot. A third driver, Neil Forster, was shot in the arm.",
    )
    assert roles(colleague)["Neil Forster"] != "perpetrator"
    attacker = cast_of(
        nlp, lexicon, "Eight people were killed in the van attack. The driver, Neil Forster, 46, was arrested."
    )
    assert roles(attacker)["Neil Forster"] == "perpetrator"


@pytest.mark.parametrize("written", ["hostage-taker", "hostage-takers", "hostage taker", "hostage takers"])
def test_a_hyphened_role_noun_is_read_in_the_plural_too(nlp: Language, lexicon: ActorLexicon, written: str) -> None:
    doc = nlp(f"Police shot the {written} at the school.")
    taker = next(tok for tok in doc if tok.lower_.startswith("taker"))
    role = lexicon.noun_role(taker)
    assert role is not None and role[0] == "perpetrator"


def test_he_opening_sentence_after_sentence_stands_for_the_name(checker: Checker) -> None:
    body = (
        "Sixteen pupils and a teacher died at Kelso Primary School on Wednesday. On 13 March, Dale Rooke, a "
        "41-year-old shopkeeper, entered the school. Between 9.35 and 9.40am, he fired 105 rounds with a pistol, "
        "most of them in the gym. Standing over a class, he fired at point-blank range, murdering 16 of them; he "
        "also shot dead their teacher, before killing himself."
    )
    report = check(checker, article_from_text(body))
    assert [a.name for a in report.actors if a.role == "perpetrator"] == ["Dale Rooke"]


@pytest.mark.parametrize(
    "body",
    [
        # a witness's "he", inside his quotation, is the man he saw
        "Two people were shot dead in the square on Friday. A second eyewitness Colin Marsh told the paper the "
        'man shouted. He added: "I looked round and there was a man standing over a woman on the floor. He seemed to '
        'have a gun in his hand and he shot her again. He then seemed to shoot a third time, towards her head."',
        # somebody else named: the next "he" may be him
        "Two people were shot dead in the square on Friday. Colin Marsh walked to the square. He met Owen "
        "Dane there. He shot two people in the back.",
    ],
)
def test_the_pronoun_chain_stops_where_he_could_be_someone_else(checker: Checker, body: str) -> None:
    report = check(checker, article_from_text(body))
    assert "Colin Marsh" not in [a.name for a in report.actors if a.role == "perpetrator"]


def test_what_a_speaker_says_of_him_after_the_pronoun_is_read_as_before(checker: Checker) -> None:
    body = (
        "A man stabbed passers-by in a park on Friday, killing one and wounding two women. Luc Bernier is "
        "described by his family as gifted. He was hospitalized several times as a teenager, said the "
        "prosecutor, Ruth Pike. After school, he joined a business school in Lyon."
    )
    report = check(checker, article_from_text(body))
    assert "Luc Bernier" not in [a.name for a in report.actors if a.role == "victim"]


def test_a_person_who_killed_a_number_of_people_makes_an_attack_story(checker: Checker) -> None:
    """No attack word ("gunman", "shooting"): the count of people he killed says it was a mass killing."""
    analysis, report = analyse(
        checker,
        article_from_text(
            "Colin Marsh, who killed five people in Brenvik in October 2021, has asked to be released from "
            "compulsory care. He believes the conditions are no longer met, he told the court on Tuesday."
        ),
    )
    assert analysis.context.attack
    assert [a.name for a in report.actors if a.role == "perpetrator"] == ["Colin Marsh"]


def test_a_man_who_killed_his_wife_and_children_is_no_attack_story(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text(
            "Colin Marsh killed his wife and three children at their home in Leeds before turning the gun on "
            "himself, police said. The bodies were found on Sunday by a neighbour."
        ),
    )
    assert not analysis.context.attack  # a domestic killing: naming rules do not apply


@pytest.mark.parametrize(
    "harm",
    [
        "Two students, Ruth Pike and Owen Dane, sustained injuries in the hallway.",
        "Ruth Pike lost her life, and two students were taken to hospital.",
    ],
)
def test_injuries_and_a_lost_life_are_casualties(checker: Checker, harm: str) -> None:
    body = f"A gunman opened fire at the high school on Tuesday morning. {harm} The shooter was a student there."
    analysis, _ = analyse(checker, article_from_text(body))
    assert analysis.context.attack


def test_a_striker_injury_in_a_sport_massacre_is_no_attack(checker: Checker) -> None:
    body = (
        "Kwame Asante fired home twice in a 6-0 massacre of Dunmere on Saturday, and the Rovers attack looked "
        "sharper than ever. His shot in the ninth minute set the tone. Asante missed the last four games with a "
        "knee injury."
    )
    analysis, _ = analyse(checker, article_from_text(body))
    assert not analysis.context.attack


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the parser hangs the name on the verb, not on "cousin": the agent of the shooting did it
        (
            "A gunman killed four people at a school in Kelso on Friday. Fifteen-year-old Evan Hale and "
            "12-year-old Kyle Hale were shot in their kitchen by their cousin, Corbin Lee Hale.",
            {"Corbin Lee Hale": "perpetrator", "Evan Hale": "victim"},
        ),
        # the one shot is the attacker: the agent stopped him
        (
            "A gunman killed four people in Kelso on Friday. The gunman was shot by a bystander, Dale Pruitt.",
            {"Dale Pruitt": "helper"},
        ),
    ],
)
def test_the_named_agent_of_a_shooting_did_it_unless_the_attacker_was_shot(
    nlp: Language, lexicon: ActorLexicon, body: str, expected: dict[str, str]
) -> None:
    found = roles(cast_of(nlp, lexicon, body))
    assert {name: found.get(name) for name in expected} == expected


def test_a_bare_role_noun_right_before_a_name_is_its_title(checker: Checker) -> None:
    # "shooting gunman NAME" is parsed as the object of "shooting"; "The driver NAME" is the subject, the
    # driver of a taxi caught by the blast, not the attacker
    found = report_roles(
        checker,
        "A gunman killed 12 people in Kelso. Plaintiffs sued San Dunmere shooting gunman Karim Dawud in court. "
        "A bomb went off in a taxi outside the hospital. The driver David Pell got out moments before flames "
        "swallowed his car.",
    )
    assert found.get("Karim Dawud") == "perpetrator"
    assert found.get("David Pell") != "perpetrator"


def test_names_in_a_clause_whose_court_verb_is_left_out_were_sentenced(checker: Checker) -> None:
    found = report_roles(
        checker,
        "Bombers killed 15 people in the Kelso metro in 2017. Rustam Beko was sentenced to 21 years, and Karim "
        "Nazar and Farrukh Aslan to 17 years for their part in the plot. Ruth Pike, the mother of a victim, and "
        "Owen Dane to the end of the trial sat in the gallery.",
    )
    assert [found.get(n) for n in ("Rustam Beko", "Karim Nazar", "Farrukh Aslan")] == ["perpetrator"] * 3
    assert found.get("Ruth Pike") != "perpetrator" and found.get("Owen Dane") != "perpetrator"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # a role in quotes before a name the small model tags as an organisation
        (
            'A gunman shot 12 people in Dunmere. Dunmere\'s "serial sniper" Peter Halvorn lost his appeal on '
            "Monday against two murder convictions.",
            "Peter Halvorn",
        ),
    ],
)
def test_a_name_tagged_as_an_organisation_is_a_person_in_a_role_context(checker: Checker, body: str, name: str) -> None:
    assert report_roles(checker, body).get(name) == "perpetrator"


def test_a_name_praised_as_something_is_a_person(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A gunman killed 29 worshippers in Kelso in 1994. Supporters hailed Ezra Feldt as a martyr at the "
        "graveside on Sunday.",
    )
    assert "Ezra Feldt" in roles(cast)


@pytest.mark.parametrize("place", ["Brenvik", "Dunmere"])
def test_a_name_that_is_a_word_the_story_writes_in_lower_case_is_no_perpetrator(checker: Checker, place: str) -> None:
    # "Mall" of a related-story line, where the story writes "the mall"
    found = report_roles(
        checker,
        f"{place} mall stabbings: a year on, no answers\n\nA year ago Tomas Reyna stabbed 10 shoppers at the "
        f"{place} Center mall, and the FBI has yet to close the case. Reyna walked through the mall with two "
        "knives.\n\nRELATED: Mall stabbing victim: 'He came straight at me'",
    )
    assert [name for name, role in found.items() if role == "perpetrator"] == ["Tomas Reyna"]


def test_a_name_after_among_the_accused_is_one_of_them(checker: Checker) -> None:
    opening = "Two gunmen killed four people at the market in Kelso in 2018. "
    accused = report_roles(
        checker, opening + "Among the accused, Lise Moreau, the gunman's girlfriend at the time of the attack."
    )
    victims = report_roles(checker, opening + "Among the victims, Ruth Pike, a nurse at the hospital.")
    assert accused.get("Lise Moreau") == "perpetrator" and victims.get("Ruth Pike") == "victim"


def test_the_rest_of_a_list_the_model_tagged_as_organisations_shares_its_role(checker: Checker) -> None:
    found = report_roles(
        checker,
        "Gunmen killed eight people at the Kelso bus station in 2019. The court sentenced to death Hamid Sadri and "
        "two others, Bekir Tamal and Nurlan Osmat, for leading the cell that carried out the attack.",
    )
    # the small model tags "Bekir Tamal" an organisation: the first of a list whose next name is a person
    assert [found.get(n) for n in ("Hamid Sadri", "Bekir Tamal", "Nurlan Osmat")] == ["perpetrator"] * 3


@pytest.mark.parametrize(
    ("deed", "expected"),
    [
        ("were involved in the attack", "perpetrator"),
        # the police's own shooting of the attacker: not a part in the attack
        ("were involved in the shooting of the gunman and are on leave", None),
    ],
)
def test_people_involved_in_the_attack_took_part_in_it(checker: Checker, deed: str, expected: str | None) -> None:
    found = report_roles(
        checker,
        f"Gunmen killed nine people at a concert in Kelso on Friday. Police said Ravil Omadin and Timur Omadin {deed}.",
    )
    roles_found = {found.get("Ravil Omadin"), found.get("Timur Omadin")}
    assert roles_found == {expected} if expected else "perpetrator" not in roles_found


def test_a_surname_given_after_surnamed_is_a_person(checker: Checker) -> None:
    found = report_roles(
        checker,
        "A car rammed people exercising at a sports ground in Kelso on Monday, killing 12. The 58-year-old driver, "
        "surnamed Bai, had been angry about his divorce settlement, police said. Bai drove through the gate and "
        "rammed people on the running track.",
    )
    assert found.get("Bai") == "perpetrator"


def test_the_owner_of_a_siege_after_a_lost_possessive_is_its_perpetrator(checker: Checker) -> None:
    # the parser reads the apostrophe after "Corvis" as a closing quote and loses the possessive
    found = report_roles(
        checker,
        "Mourners laid flowers for Ada Lin and Piet Maas, who were killed during Rami Tahir Corvis’ almost 16 hour "
        "siege of the harbour cafe in Kelso, on the tenth anniversary on Tuesday. Corvis had a long record.",
    )
    assert found.get("Rami Tahir Corvis") == "perpetrator"
    assert found.get("Ada Lin") == "victim" and found.get("Piet Maas") == "victim"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # an inverted copula: the relative is the subject the parser made an attribute
        ("Also in the dock is the gunman's brother-in-law, Amir Tefoui.", "Amir Tefoui"),
        # the trial of the noun the name stands beside
        ("The trial of Lekim's childhood friend, Samir Haddou, opened on Monday.", "Samir Haddou"),
    ],
)
def test_a_relative_or_friend_on_trial_is_a_defendant(checker: Checker, sentence: str, name: str) -> None:
    opening = "Four people were killed at a supermarket in Kelso in 2018 by a gunman, Radan Lekim, who was shot dead. "
    assert report_roles(checker, opening + sentence).get(name) == "perpetrator"


def test_a_game_review_full_of_massacres_is_no_attack_story(checker: Checker) -> None:
    """Attack words and words of several victims, but no casualty: a game review stays quiet."""
    analysis, report = analyse(
        checker,
        article_from_text(
            "Review: Hellgate Ascendant turns the shooter up to eleven\n\nHellgate Ascendant is the loudest "
            "shooter of the year. You play a lone gunman sent to purge a moon base overrun by demons, and the "
            "game wants you moving: every arena is a massacre waiting to happen, and the shotgun turns hordes "
            "into a rampage of sparks.\n\nThe campaign runs about 20 hours. A new mode pits you against waves of "
            "monsters.\n\nVerdict: brash, relentless and very good. Four stars."
        ),
    )
    assert not analysis.context.attack
    assert not [f for f in report.findings if f.severity in {"medium", "high"}]


def test_both_names_of_a_pair_share_the_court_verb_the_parser_gave_the_last(checker: Checker) -> None:
    # the small model hangs "Karim Dawi and Farid" on "Malo", as if they shared his surname
    found = report_roles(
        checker,
        "A gunman killed seven people in Kelso in 2012. Karim Dawi and Farid Malo were convicted of murder.",
    )
    assert found.get("Karim Dawi") == "perpetrator" and found.get("Farid Malo") == "perpetrator"


@pytest.mark.parametrize(("owner", "role"), [("terrorist's", "perpetrator"), ("victim's", "victim")])
def test_a_name_given_as_someone_s_name_takes_the_owner_s_role(checker: Checker, owner: str, role: str) -> None:
    found = report_roles(
        checker,
        "Three people were killed in a terror attack at a Tarsa supermarket on Friday. The "
        f"{owner} name, Ahmad Rilwan, was released by the court on Saturday.",
    )
    assert found.get("Ahmad Rilwan") == role


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # the small model gives the sentence to the first three names of the list and leaves the last one out
        (
            "Bombers killed 33 people in Tarsa in May. Death sentences were handed down to Karim El Ouardi, 23, "
            "Nabil Jaziri, 27, Younes Lahbabi, 22 and Hamid Taoufik - three of whom were believed to have aborted "
            "their own missions.",
            ("Hamid Taoufik", "Karim El Ouardi"),
        ),
        # the small model tags this name ORG; the age on the noun it stands beside says it is a person
        (
            "A bomb killed 14 people in a subway car in Pernau on Monday. Investigators suspect a 22-year-old "
            "Kyrgyz-born Russian citizen, Akbarzhon Dzhumaliev, of detonating a homemade explosive in a subway car.",
            ("Akbarzhon Dzhumaliev",),
        ),
        # a list a trial report seats in the dock names the accused
        (
            "A gunman killed three people in an attack on a bar in Kelso in 2019. Three men went on trial on "
            "Monday. Beside the main defendant in the box, Tom Hale, who drove the car, Ian Rusk and Ben Lowe.",
            ("Ian Rusk", "Ben Lowe"),
        ),
    ],
)
def test_names_in_lists_the_parser_breaks_are_the_accused(checker: Checker, body: str, names: tuple[str, ...]) -> None:
    found = report_roles(checker, body)
    assert all(found.get(name) == "perpetrator" for name in names), found


def test_a_source_before_a_comma_is_no_list_of_the_accused(checker: Checker) -> None:
    found = report_roles(
        checker,
        "A gunman killed three people at a store in Kelso on Monday. According to Lena Parkes, Omar Riddle and "
        "Jon Vale were charged with murder on Tuesday.",
    )
    assert found.get("Omar Riddle") == "perpetrator" and found.get("Jon Vale") == "perpetrator"
    assert found.get("Lena Parkes") != "perpetrator"


def test_the_attacker_s_name_spelt_another_way_is_still_the_attacker(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text(
            "Three people were killed when a gunman opened fire at a Tarsa recruiting office on Thursday. Police "
            "named the gunman as Mohammod Youssuf Abdelkarim, 24. Neighbours said Muhammad Youssef Adbelkarim had "
            "kept to himself."
        ),
    )
    (perpetrator,) = analysis.cast.perpetrators
    assert len(perpetrator.mentions) == 2 and "Muhammad Youssef Adbelkarim" in perpetrator.aliases


def test_a_given_name_alone_close_to_the_attacker_s_is_someone_else(checker: Checker) -> None:
    found = report_roles(
        checker,
        "A gunman, Mohammed Dahri, killed three people at the market in Tarsa on Friday. At the mosque that "
        "evening, Mohamed led the prayers for the dead.",
    )
    assert found.get("Mohammed Dahri") == "perpetrator" and found.get("Mohamed") != "perpetrator"


def test_the_dead_a_trial_report_lists_are_not_the_accused(checker: Checker) -> None:
    found = report_roles(
        checker,
        "A gunman killed three people at a bar in Kelso in 2019. Two men appeared in the dock on Monday accused "
        "of the murders of Ann Pike and Lee Grove. Tom Hale and Ian Rusk deny the charges.",
    )
    assert found.get("Tom Hale") == "perpetrator"
    assert found.get("Ann Pike") != "perpetrator" and found.get("Lee Grove") != "perpetrator"


_MALL = (
    "A gunman killed five people at the Tarsa shopping centre on {when}. Police said Arvid Lenko, 31, opened fire "
    "in the food court before officers shot him dead. Lenko had written about earlier attacks. "
)


def test_an_attacker_the_story_dates_to_another_year_is_an_earlier_attacker(checker: Checker) -> None:
    text = _MALL.format(when="3 March 2026") + "In 2011, Peter Hallgren shot dead 12 people at a school in Rudna."
    analysis, report = analyse(checker, article_from_text(text))
    assert [a.name for a in analysis.cast.perpetrators] == ["Arvid Lenko"]
    flagged = [f.text for f in report.findings if f.rule == "prior-attacker-reference"]
    assert flagged == ["Peter Hallgren"]


@pytest.mark.parametrize(
    ("when", "sentence", "name"),
    [
        # the story dates nothing of its own attack: 2011 may be its year
        ("Monday", "In 2011, Peter Hallgren shot dead 12 people at a school in Rudna.", "Peter Hallgren"),
        # an accomplice's trial is this attack's
        ("3 March 2026", "In 2027, Tomas Vell, the second gunman, was convicted of murder.", "Tomas Vell"),
    ],
)
def test_a_year_alone_does_not_make_an_earlier_attacker(checker: Checker, when: str, sentence: str, name: str) -> None:
    found = report_roles(checker, _MALL.format(when=when) + sentence)
    assert found.get(name) == "perpetrator" and found.get("Arvid Lenko") == "perpetrator"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # names beside the subject of an auxiliary share its verb: the parser makes "sons" the subject of
        # "were", not of "involved"
        (
            "Gunmen killed 19 people at a church and a synagogue in Tarsa on Sunday. Police detained the district "
            "head, Rasul Kerimov. His sons, Omar and Adam, were likely involved in the attack.",
            ("Omar", "Adam"),
        ),
        # a deed named in a free relative clause is the attack
        (
            "Fourteen people were killed in the shooting at the Tarsa conference centre. On Dec. 2, married couple "
            "Tarek Holloway and Mina Vasquez carried out what officials are calling the deadliest attack in the "
            "state.",
            ("Tarek Holloway", "Mina Vasquez"),
        ),
    ],
)
def test_attackers_named_together_where_the_parse_hides_the_deed(
    checker: Checker, text: str, names: tuple[str, str]
) -> None:
    found = report_roles(checker, text)
    assert [found.get(name) for name in names] == ["perpetrator", "perpetrator"]


def test_a_list_after_a_noun_in_a_sentence_without_a_verb_is_the_next_they(checker: Checker) -> None:
    story = (
        "The teacher was killed outside his school in Tarsa in 2020; his attacker was shot dead by police. At the "
        "heart of the case, two men: Samir Okafor and Nadia Brandt. {next}"
    )
    charged = report_roles(checker, story.format(next="They are accused of launching a hate campaign against him."))
    friends = report_roles(checker, story.format(next="They were friends of the teacher's family."))
    assert charged.get("Samir Okafor") == "perpetrator" and charged.get("Nadia Brandt") == "perpetrator"
    assert "perpetrator" not in {friends.get("Samir Okafor"), friends.get("Nadia Brandt")}


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # a group's verb: "he" can only be the name
        ("Mourners praised Ezra Talmon as a holy man and said he shot and killed 29 worshippers.", "perpetrator"),
        # one person's verb: "he" may be the neighbour
        ("A neighbour visited Ezra Talmon after he killed 29 worshippers.", None),
    ],
)
def test_he_later_in_the_sentence_is_the_object_of_a_group_s_verb(
    checker: Checker, sentence: str, role: str | None
) -> None:
    story = "Settlers prayed at the grave of the gunman who attacked the Tarsa shrine. "
    found = report_roles(checker, story + sentence)
    assert (found.get("Ezra Talmon") == "perpetrator") == (role == "perpetrator")


@pytest.mark.parametrize(
    ("text", "part", "mentions"),
    [
        # a misspelt name with a cue too weak for a role joins the attacker
        (
            "Bombs killed 32 people at Tarsa airport and a metro station on Tuesday. Prosecutors identified the "
            "suspects as two brothers, Khalil el-Hadrawi, 27, and Ibrahim el-Hadrawi, 29. Ibrahim el-Hadarawi was "
            "killed in the suicide bombing at the airport.",
            "Ibrahim",
            2,
        ),
        # a nickname in straight quotes inside the name; the owner of the victims, who "started shooting"
        (
            'Eight people were killed at the Tarsa loan office. The rage unleashed by James Edward "Pop" Varley '
            "in the office on June 18 still shocks the town. Ann Pike was Varley's first victim. She was waiting "
            "at the counter when Varley started shooting.",
            "Varley",
            3,
        ),
    ],
)
def test_every_form_of_the_attacker_s_name_is_one_perpetrator(
    checker: Checker, text: str, part: str, mentions: int
) -> None:
    found = actors_named(checker, text, part)
    assert len(found) == 1 and found[0].role == "perpetrator" and len(found[0].mentions) == mentions


def test_a_storm_is_nobody_even_with_victims(checker: Checker) -> None:
    found = report_roles(
        checker,
        "Hurricane Ian killed 103 people in Florida, and officials clashed over the toll. Just over half of Ian's "
        "victims drowned, the latest data show.",
    )
    assert "perpetrator" not in found.values()


@pytest.mark.parametrize(
    ("sentence", "accused"),
    [
        ("Yassin Darrow was accused of recruiting for the group, and Hassan Tellier of being an active member.", True),
        # a home town after "of" is no charge
        ("Yassin Darrow was convicted of killing Ann Pike and Hassan Tellier of Tarsa.", False),
    ],
)
def test_a_charge_with_its_verb_left_out(checker: Checker, sentence: str, accused: bool) -> None:
    found = report_roles(checker, "Bombings killed 33 people in Tarsa in May. " + sentence)
    assert found.get("Yassin Darrow") == "perpetrator"
    assert (found.get("Hassan Tellier") == "perpetrator") == accused


def test_a_list_after_a_colon_is_the_noun_before_it_not_the_sentence_s_first(checker: Checker) -> None:
    found = report_roles(
        checker,
        "Bombs killed 14 people at three churches in Tarsa on Sunday.\n\nThe city's police chief, Col. Rudi "
        "Halim, with a picture of the family behind the church bombings: Dita Ranuwijaya and Puji Kusuma.",
    )
    assert found.get("Rudi Halim") == "official"
    assert found.get("Dita Ranuwijaya") == "perpetrator" and found.get("Puji Kusuma") == "perpetrator"


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (
            "Brothers Karim and Samir Benalla opened fire in the offices of the weekly on Wednesday, killing 12 "
            "people. Police later named the gunmen.",
            ("Karim Benalla", "Samir Benalla"),
        ),
        (
            "Police said the brothers Karim and Samir Benalla opened fire in the offices of the weekly on "
            "Wednesday, killing 12 people. Karim Benalla had been known to intelligence services.",
            ("Karim Benalla", "Samir Benalla"),
        ),
        # the family's surname first, the given names after the kin noun
        (
            "The Benalla brothers, Karim and Samir, opened fire in the offices of the weekly on Wednesday, killing "
            "12 people.",
            ("Karim Benalla", "Samir Benalla"),
        ),
    ],
)
def test_two_given_names_before_one_surname_share_it(checker: Checker, body: str, names: tuple[str, ...]) -> None:
    roles = report_roles(checker, body)
    assert all(roles.get(name) == "perpetrator" for name in names), roles
    assert not any(name.startswith("Brothers") for name in roles), roles


def test_a_nationality_before_brothers_is_no_surname(checker: Checker) -> None:
    roles = report_roles(
        checker, "The Belgian brothers, Karim and Samir, opened fire in the offices on Wednesday, killing 12 people."
    )
    assert not any("Belgian" in name for name in roles), roles


def test_militants_identified_by_name_are_the_attackers(checker: Checker) -> None:
    roles = report_roles(
        checker,
        "Gunmen stormed the cafe on Friday, killing 20 people. The militants were later identified as Tomas "
        "Wendig and Samir Okafor.",
    )
    assert roles.get("Tomas Wendig") == roles.get("Samir Okafor") == "perpetrator", roles


def test_a_suspect_the_investigation_cleared_is_not_the_attacker(checker: Checker) -> None:
    roles = report_roles(
        checker,
        "A bomb killed two people at the park. Police named a security guard, Dale Wendig, as the prime suspect. "
        "Weeks later, authorities cleared Wendig. Tomas Okafor was later charged with the bombing.",
    )
    assert roles.get("Tomas Okafor") == "perpetrator", roles
    assert roles.get("Dale Wendig") != "perpetrator", roles


def test_a_witness_who_spoke_before_the_sentence_is_not_the_accused(checker: Checker) -> None:
    roles = report_roles(
        checker,
        "A bomb killed two people at the park in 1996. Ted Rowan, whose wife died in the blast, faced the bomber "
        "in court. Rowan spoke before Eli Varga was sentenced to life in prison.",
    )
    assert roles.get("Eli Varga") == "perpetrator", roles
    assert roles.get("Ted Rowan") != "perpetrator", roles


@pytest.mark.parametrize(
    ("body", "nobody"),
    [
        ("Isil claimed the attack on the train, in which a teenager wounded five people with an axe.", "Isil"),
        (
            "Sri Lanka falls silent for Easter attack victims\n\nSurvivors of Sri Lanka's devastating suicide "
            "bombings held a private service on Tuesday. Churches across Sri Lanka's west rang their bells. Sri "
            "Lanka's new president vowed to prevent a repeat of the attack, which killed 269 people.",
            "Sri Lanka",
        ),
        (
            "Dale Wendig was killed on Saturday after entering a police station in the central town of "
            "Joue-les-Tours armed with a knife and attacking three officers, shouting as he did so.",
            "Joue-les-Tours",
        ),
        (
            "Two men attacked worshippers at prayer inside the Kehilat Yaakov synagogue, killing four. Police "
            "shot both attackers dead.",
            "Kehilat Yaakov",
        ),
        ("The bomb at the Argana cafe on the famed Jamaa el-Fna square killed 17 people in 2011.", "Jamaa el-Fna"),
        (
            "A teacher was beheaded near his school in 2020 by a Chechen Islamist, who was shot dead.",
            "Chechen Islamist",
        ),
        # a town before an age written with hyphens is no "Name, 23,"
        (
            "On a tragic day in Harwick, 23-year-old Robin Vell opened fire on children at the church, killing two.",
            "Harwick",
        ),
        # what an apposition calls a place, every mention of it is the place
        (
            "A gunman opened fire at a New Year party, killing 39 people. He explained to investigators why he chose "
            "Marisa, a well-known upscale nightclub. Asked why he attacked Marisa, he said nothing.",
            "Marisa",
        ),
        # an outlet named after what it is
        (
            "Two people were hurt with a cleaver outside the old building of satirical newspaper Marcel Hebdo in a "
            "terror attack. The attacker believed they worked at Marcel Hebdo.",
            "Marcel Hebdo",
        ),
        (
            "A man stabbed five shoppers in a terror attack on Friday. Footage published by news site Lorenz Online "
            "showed passers-by chasing the attacker. According to Lorenz Online, a man hurt in the chase finally "
            "pinned the suspect down.",
            "Lorenz Online",
        ),
        (
            "Four young soldiers died and 13 were hurt in Sunday's attack at the crowded Armon Hanatziv promenade in "
            "Talpiot. The attacker was shot dead.",
            "Armon Hanatziv",
        ),
        # the state of a dateline, and a town someone is a resident of
        ("WAUKEGAN, Ill (AP) — A man pleaded guilty Monday to killing seven people at a July 4 parade.", "Ill"),
        (
            "Fifteen people were killed in the metro bombing. Dale Wendig, resident of Kara-Balta, the father of "
            "both defendants, wrote to the president.",
            "Kara-Balta",
        ),
        # a people and its country, whatever the small model tagged them
        (
            "Supermarket stabbing: Attacker named as Kiwis of every faith stand together against him\n\nWhile three "
            "people stabbed in the terror attack stayed in hospital, Kiwis of many faiths and ethnicities came "
            "together to condemn it.",
            "Kiwis",
        ),
        (
            "More than 250 people were killed on Sunday when bombers struck churches and hotels. Sri Lankan police "
            "have blamed a local group for the bombings, which shook Sri Lanka's Christian minority. The leader of "
            "the Sri Lanka bombings was named.",
            "Sri Lankan",
        ),
        # what he owns
        (
            "Twelve people were shot dead in the rampage. Again and again he pulled up his grey Citroen Picasso, "
            "waved people over and shot them.",
            "Citroen Picasso",
        ),
        # a Title Case headline repeated in the body: its verb is no name
        (
            "Suspected Militant Leader Confesses to Killing of Two Hikers\n\nTwo hikers were murdered in a terror "
            "attack in the mountains.",
            "Leader Confesses",
        ),
    ],
)
def test_a_country_an_armed_group_a_town_or_a_venue_is_nobody(checker: Checker, body: str, nobody: str) -> None:
    assert nobody not in report_roles(checker, body)


@pytest.mark.parametrize(
    ("body", "attackers"),
    [
        # hunted after the attack, then shot: his end, not a victim's
        (
            "A gunman killed three people at the market on Tuesday. More than 700 officers had been hunting for "
            "Dale Wendig since the bloodshed. Wendig was shot dead on Thursday.",
            ["Dale Wendig"],
        ),
        # a court clears one charge and convicts on another
        (
            "A bomb at the rally killed 40 people in 2015. The court acquitted Dale Wendig of the charge of crimes "
            "against humanity, but he received a life sentence for the bombing. Wendig is a defendant in a second "
            "case.",
            ["Dale Wendig"],
        ),
        # every gerund after "after" is the subject's deed
        (
            "Dale Wendig was killed on Saturday after entering a police station in the central town of "
            "Joue-les-Tours armed with a knife and attacking three officers, shouting as he did so.",
            ["Dale Wendig"],
        ),
        # a list set beside "the convicts": the parser seats only its first names beside the noun
        (
            "Gunmen stormed a cafe in the capital in 2016, killing 22 people. A court sentenced seven men to death "
            "on Wednesday. The convicts, Jahangir Alom, Rakibul Hasan Rehan, Sohel Mahmud and Mamunur Rashid, were "
            "in the court to hear the verdict.",
            ["Jahangir Alom", "Rakibul Hasan Rehan", "Sohel Mahmud", "Mamunur Rashid"],
        ),
        # a pronoun object is a person attacked; a victim run down and hacked to death
        (
            "Two men murdered a soldier near the barracks in 2013. Dale Wendig and Tomas Okafor drove a car into "
            "Fusilier Reed at "
            "30-40mph, before dragging him into the road and attacking him with knives.",
            ["Dale Wendig", "Tomas Okafor"],
        ),
        (
            "Two men were found guilty of murdering a soldier in an attack that horrified the nation. Dale Wendig, "
            "29, and Tomas Okafor, 22, ran him down in a car and hacked him to death in front of onlookers.",
            ["Dale Wendig", "Tomas Okafor"],
        ),
        # "was" left without its predicate by a parse that makes the name the subject of "said"
        (
            "The gunman who killed 30 people at the hall before turning the gun on himself was student Kim Daeho, "
            "university police Chief Wendell Flinchum said Tuesday. Officials are trying to determine whether Kim "
            "was responsible for an earlier shooting.",
            ["Kim Daeho"],
        ),
        # "who was responsible for the shooting" outweighs a military rank
        (
            "A gunman killed 13 people at the base in 2009. The army concluded that Major Dale Wendig, who was "
            "responsible for the shooting at the base, was in communication with foreign terrorists. The victims "
            "of Wendig's attack were awarded a medal.",
            ["Dale Wendig"],
        ),
        # "he" takes up the predicate of the sentence before: "one of whom was the suspect"
        (
            "A girl and a boy were killed when a fellow student opened fire at the school. Responding deputies "
            "arrived to find six students lying wounded in the quad, one of whom they learned later was the "
            "suspect. He was identified to the station as Dale Wendig.",
            ["Dale Wendig"],
        ),
        # what a court hands down against him or gives to him
        (
            "Gunmen stormed a cafe, killing 17 people in the bombing. The chief judge confirmed the death sentence "
            "against Dale Wendig on Friday.",
            ["Dale Wendig"],
        ),
        (
            "Gunmen stormed a cafe, killing 17 people in the bombing. The judge gave a life sentence to Dale Wendig "
            "on Friday.",
            ["Dale Wendig"],
        ),
        # an admission of a deed: "admitted to filming the killings"
        (
            "Two hikers were murdered in the mountains in December. Tomas Okafor, 33, admitted to filming the "
            "grisly killings on his mobile phone.",
            ["Tomas Okafor"],
        ),
        (
            "A bomb at the park killed two people in 1996. Eric Robert Dale admits he is responsible for the "
            "string of bombings that killed two people and injured hundreds.",
            ["Eric Robert Dale"],
        ),
        # what a defendant faces: "faces four life sentences"
        (
            "A bomb at the park killed two people in 1996. Dale Wendig faces four life sentences with no chance "
            "of parole.",
            ["Dale Wendig"],
        ),
        # a list named after a dash, as the noun's it describes; a rank among the attackers after a dash
        (
            "Gunmen killed 21 tourists at the museum. The footage was accompanied by two stills, said to show the "
            "bodies of the two gunmen – named as Yassine Laabidi, 20, and 26-year-old Hatem Khachnaoui.",
            ["Yassine Laabidi", "Hatem Khachnaoui"],
        ),
        (
            "Gunmen killed 21 tourists at the museum. The man who stood a few yards away was likely 20-year-old "
            "Yassine Laabidi — the younger of the two attackers.",
            ["Yassine Laabidi"],
        ),
        # a throat cut, and "a worshipper" is a person attacked
        (
            "Two attackers killed a priest and wounded two worshippers in a terror attack on a church in 2016. Adel "
            "Kermiche and Abdel-Malik Petitjean cut the throat of Father Jacques Hamel at the altar and wounded a "
            "worshipper they took hostage before being shot dead by police.",
            ["Adel Kermiche", "Abdel-Malik Petitjean"],
        ),
        # the members of the cell that carried out the attack
        (
            "A van ploughed into crowds on the boulevard, killing 13 people. The other members of the cell, Karim "
            "Aalla, Samir Hichami and Yassin Oukadir, were shot dead by police in the seaside town.",
            ["Karim Aalla", "Samir Hichami", "Yassin Oukadir"],
        ),
        # "bombing suspect NAME": the tagger reads "suspect" after an event noun as a verb
        (
            "Three people were killed in the marathon bombing. Boston marathon bombing suspect Dzhokhar Tarnev "
            "(right) posed with a friend in an undated photo.",
            ["Dzhokhar Tarnev"],
        ),
        # the people a court step is about, in a list that goes on with "as well as"
        (
            "Gunmen killed 145 people at the concert hall in March. Earlier, the court extended the arrest of four "
            "alleged perpetrators of the terrorist attack – Dalerjon Mirzoev, Saidakram Rajabalizod, Fariduni "
            "Shamsiddin and Muhammadsobir Fayzov, as well as Alisher Kasimov and Jumokhon Kurbonov until November "
            "22.",
            ["Dalerjon Mirzoev", "Muhammadsobir Fayzov", "Alisher Kasimov", "Jumokhon Kurbonov"],
        ),
        # sentences sought against the accused, through their titles
        (
            "A teacher was beheaded near his school in a terror attack in 2020. Next come the prison sentences "
            "sought respectively "
            "against the Islamist preacher Abdel Sefrani and Brahim Chnani, the father of the schoolgirl who lied.",
            ["Abdel Sefrani", "Brahim Chnani"],
        ),
        # a count the sentence before gives a perpetrator noun: "Four gunmen ... named the four as"
        (
            "Four gunmen stormed a shopping mall in the capital, killing 67 people. An army spokesman, Major "
            "Emmanuel Kiprop, named the four as Abu Baara al-Sudani, Omar Nabhan and Khattab al-Kene.",
            ["Abu Baara al-Sudani", "Omar Nabhan", "Khattab al-Kene"],
        ),
        # the truck's driver he shot was his victim, not an attacker he stopped
        (
            "A truck ploughed into a Christmas market, killing 12 people. Four years ago, Anis Amrani, a Tunisian, "
            "hijacked a tractor trailer, shot its driver and then drove into the crowd.",
            ["Anis Amrani"],
        ),
        # the one bystanders tried to stop
        (
            "Two people were stabbed to death at the hall. A tusk was taken from the wall by those who tried to "
            "thwart Dale Wendig. Wendig was lawfully killed by police.",
            ["Dale Wendig"],
        ),
        # a plane flown into a building
        (
            "A plane attack on a tax office killed one worker and injured 13 people. On Thursday software engineer "
            "Andrew Dale Wendig slammed his plane into the building where Vernon Hunt worked.",
            ["Andrew Dale Wendig"],
        ),
        # the one member of the unit that attacked who survived
        (
            "Gunmen killed 130 people in Paris in 2015. Salah Abdel is the only surviving member of the 10-person "
            "unit that attacked the city.",
            ["Salah Abdel"],
        ),
        # the man the court step describes is the name the sentence gives him
        (
            "At least 14 people were killed when a truck ploughed into a crowd on New Year's Day. The man behind "
            "the wheel, now accused of the killings, was 42-year-old Samir Dalbane of Beaumont.",
            ["Samir Dalbane"],
        ),
        # what the one killed did as he fell
        (
            "Dale Wendig was shot dead on Saturday after walking into a police station in the small town of "
            "Joue-les-Tours armed with a knife, badly wounding two officers and injuring a third.",
            ["Dale Wendig"],
        ),
        # a photo's "(center)" is no place
        (
            "Wen Lisheng (center), a former community doctor, stands trial for murdering eight children outside "
            "their primary school.",
            ["Wen Lisheng"],
        ),
        # withdrawing a plea is a court step
        (
            "Seven people were killed in the parade shooting. Appearing in a circuit courtroom, Dale E. Wendig III, "
            "24, withdrew his earlier not-guilty plea in the shooting.",
            ["Dale E. Wendig III"],
        ),
        # sentences pronounced for a list, and a charge sheet framed against one
        (
            "Two hikers were murdered in a terror attack. The court said 25 years in prison had been pronounced for "
            "Anwar Drissi, Hamid Ouali and Aqil Benzar.",
            ["Anwar Drissi", "Hamid Ouali", "Aqil Benzar"],
        ),
        (
            "Gunmen killed 166 people in the attacks. The judge framed the charge sheet against Zahir Shahid, Abu "
            "al-Qaris and Imran Anjar.",
            ["Zahir Shahid", "Abu al-Qaris", "Imran Anjar"],
        ),
        # those who surrendered, and a sentence awarded
        (
            "Five people were killed in the church bombing. The other four who surrendered were identified as "
            "Albani Kisar, Rajul Bakri and Kaiser Adnan, and Salim Alit.",
            ["Albani Kisar", "Rajul Bakri", "Kaiser Adnan", "Salim Alit"],
        ),
        (
            "Seven people were killed in the train blasts. Mohd Farid Sheikh, 36, Arif Kamal, 38, and Navid Hasan "
            "Kazi, 30, was awarded death sentence.",
            ["Mohd Farid Sheikh", "Arif Kamal", "Navid Hasan Kazi"],
        ),
        # a name tagged as an organisation, described as the man who killed
        (
            "A police officer was killed in the terror attack on the avenue in 2017. The court heard he had been the "
            "go-between for Karim Belhadi, the man who killed Xavier Morel on the avenue in April 2017, and the "
            "seller of the rifle.",
            ["Karim Belhadi"],
        ),
        # a nationality with the clause that makes him the attacker
        (
            "Police arrested several members of the family of Samir Haddawi, the Palestinian who drove a truck "
            "into a group of soldiers, killing four people.",
            ["Samir Haddawi"],
        ),
        # two given names before one surname, set beside a role noun
        (
            "Two masked gunmen stormed the offices of a weekly magazine in Lyon on Wednesday, killing 12 people. "
            "Police said the attackers were brothers Samir and Karim Belkadi, who were killed two days later in a "
            "standoff at a printing works.",
            ["Samir Belkadi", "Karim Belkadi"],
        ),
        # a list hung on an apposition of the role noun ("both ... citizens")
        (
            "Two men attacked a chapel in Ambert on Sunday, killing the elderly vicar and wounding a parishioner. "
            "His killers, both French nationals, Julien Marchal and Kevin Roche, also badly hurt a nun they held "
            "hostage.",
            ["Julien Marchal", "Kevin Roche"],
        ),
        # a plural role noun after the last name of a list with ages
        (
            "Three men drove a hired van into people on the quay in Brelford on Friday night, killing six people and "
            "injuring 30. Idris Kanu, 25, Malik Ferro, 31, and Sami Odell, 20, the attackers, were shot dead by "
            "armed officers minutes later.",
            ["Idris Kanu", "Malik Ferro", "Sami Odell"],
        ),
        # the predicate after a clause set off by commas
        (
            "A gunman killed four people in the old town of Tavira on Monday night. The attacker, thought to have "
            "acted on his own, was 22-year-old Anton Reyes, a supporter of a jihadist group.",
            ["Anton Reyes"],
        ),
        # "one of" the group in the predicate
        (
            "Two suicide bombers killed 14 people at the airport in Orlen on March 3. Older brother Hamid, 27, was "
            "one of the two bombers who blew themselves up in the terminal.",
            ["Hamid"],
        ),
        # a people's noun identified as the name, whose spree follows
        (
            "A gunman killed 30 holidaymakers on a beach near Mersa on Friday. Sunbathers ran in fear as a Moroccan "
            "identified as 26-year-old Walid Sarraj pulled a rifle from inside a sunshade and went on a shooting "
            "spree.",
            ["Walid Sarraj"],
        ),
        # the bombings "led by" him, written as a participle
        (
            "Suicide bombers killed 190 people at churches and hotels on Easter morning. Led by extremist preacher "
            "Irfan Saleem, the bombings were carried out by members of a small local group.",
            ["Irfan Saleem"],
        ),
        # hostages and a knife plunged into victims
        (
            "Four people died in the attack at the supermarket in Ormes. It began on March 2, when Samir Taleb "
            "took them hostage for almost an hour at the tills.",
            ["Samir Taleb"],
        ),
        (
            "Eight people died in the attack at the market in Harwick. A shopper filming on her phone caught the "
            "moment Odell ran into the square and plunged his knife into the two women.",
            ["Odell"],
        ),
        # the same noun attacking in the sentence before the identification
        (
            "An army soldier opened fire at a shopping centre in Korat on Saturday, killing 12 people. The soldier, "
            "identified as Somchai Rattana, then held shoppers hostage for hours.",
            ["Somchai Rattana"],
        ),
        # "one of the killers" between the noun the parser chose and the name
        (
            "Two students shot dead 13 people at the school in 1999 and then killed themselves. Now the parents of "
            "one of the killers, Devin Marlow, have sued the sheriff.",
            ["Devin Marlow"],
        ),
        # a participant in the attack
        (
            "Militants seized a school in 2004; more than 300 people died. The court hears the case of Ruslan "
            "Tagirov, the only surviving participant in the attack.",
            ["Ruslan Tagirov"],
        ),
        # the men facing trial are a list
        (
            "Gunmen killed 166 people in the city in 2008. The four other men facing trial for their alleged role "
            "in the attacks are Tariq Mehmood Butt, Naveed Akhtar Rana, Sajid Iqbal Qureshi and Faisal Rahim Awan.",
            ["Tariq Mehmood Butt", "Naveed Akhtar Rana", "Sajid Iqbal Qureshi", "Faisal Rahim Awan"],
        ),
        # the planner, whose death the story reports first
        (
            "Gunmen killed 148 people at a college in 2015. Ahmed Farouk was killed in an airstrike on his "
            "convoy. Mr Farouk is said to have planned one of the deadliest attacks in the country.",
            ["Ahmed Farouk"],
        ),
        # a nationality taking up the attacker of the sentence before
        (
            "A suicide bomber injured 15 people outside a festival in Feldkirch. The suicide attacker who bombed "
            "the town was about to be deported. The 27-year-old Syrian, named in local reports as Omar Haddad, "
            "had been handed two deportation notices.",
            ["Omar Haddad"],
        ),
        # "him", the object of the sentence before
        (
            "Two people were shot dead outside a bar in the capital on Wednesday night. The prime minister "
            "described the shooter as a radicalised teenager. Local media identified him as 19-year-old Marek "
            "Dubrava.",
            ["Marek Dubrava"],
        ),
        # armed after a relative clause about the place he walked into
        (
            "A gunman killed two pupils at the school on Monday. Jon Dorrance walked into the canteen, where "
            "pupils were eating lunch, carrying a rifle.",
            ["Jon Dorrance"],
        ),
        # the man who ordered the attack, killed by security forces later
        (
            "Three suicide bombers killed 45 people at the airport in June. Rustam Kadyrov, alleged to have "
            "ordered the attack, was killed in a special operation in November.",
            ["Rustam Kadyrov"],
        ),
        # a defendant who speaks from the dock
        (
            "The trial of the man who wounded two soldiers with a machete at the museum opened on Monday. Dressed "
            "in a black T-shirt, Abdel Rahimi gave his name from the dock.",
            ["Abdel Rahimi"],
        ),
        # the man held, as the ministry reports him
        (
            "A gunman killed nine people at two villages near the capital on Thursday night. He fled in a car and "
            "was arrested the next morning. Later, the ministry reported that the detainee was 21-year-old Ivo "
            "Markic.",
            ["Ivo Markic"],
        ),
        # serving a sentence for the attack
        (
            "Two men killed a soldier in a street attack in 2013. Marcus Obi, 29, a self-styled holy warrior, is "
            "serving a whole life term for murdering the soldier.",
            ["Marcus Obi"],
        ),
        # a soldier's rank beside the role noun
        (
            "A soldier killed 29 people at a mall. The gunman, Sergeant Anan Wongsa, was shot dead by commandos on "
            "Sunday.",
            ["Anan Wongsa"],
        ),
    ],
)
def test_the_attacker_is_found_in_the_way_the_story_tells_it(checker: Checker, body: str, attackers: list[str]) -> None:
    roles = report_roles(checker, body)
    assert all(roles.get(name) == "perpetrator" for name in attackers), roles


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # a speaker whose title the parser hangs on the name before his
        (
            "The gunman who killed 30 people at the hall before turning the gun on himself was student Kim Daeho, "
            "university police Chief Wendell Flinchum said Tuesday.",
            "Wendell Flinchum",
        ),
        # "not responsible", and an apposition only one name of the list carries
        (
            "A gunman killed 13 people at the base in 2009. Dale Wendig, who was not responsible for the shooting, "
            "was a psychiatrist there.",
            "Dale Wendig",
        ),
        (
            "A gunman killed five people. The gunman, Dale Wendig, and his brother Tomas Wendig were close.",
            "Tomas Wendig",
        ),
        # what a judge gives that is no sentence
        (
            "Gunmen stormed a cafe, killing 17 people in the bombing. The mayor gave a medal to Dale Wendig on Friday.",
            "Dale Wendig",
        ),
        # people who do not exist
        (
            "A van ploughed into worshippers, killing one man. The attacker said he had no idea Dave – one of his "
            "two made-up accomplices – intended to smash into a group of pedestrians.",
            "Dave",
        ),
        # a court step for something other than the attack
        (
            "A teenager shot dead four students at the school in 2021. His parents, James Crumley and Jennifer "
            "Crumley, were convicted of involuntary manslaughter. Their son pleaded guilty to murder and terrorism.",
            "Jennifer Crumley",
        ),
        (
            "Three people were killed in the marathon bombing. Azamat Tazhov was convicted of obstruction of "
            "justice for removing a backpack from the bomber's room after the bombing. Dzhokhar Tarnev was "
            "sentenced to death.",
            "Azamat Tazhov",
        ),
        # a count that is the victims'
        (
            "A gunman killed two women on Friday at the mall. Police named the two as Jane Doern and Ann Roesky.",
            "Jane Doern",
        ),
        # whom the attacker seized
        (
            "Two people were stabbed to death at the hall. The attacker grabbed Jane Doern and stabbed her.",
            "Jane Doern",
        ),
        # the father tried for the gun
        (
            "A student shot dead four classmates at the school in 2014. Tom Fryer, the gunman's father, pleaded not "
            "guilty to illegally possessing the gun used in the shooting.",
            "Tom Fryer",
        ),
        # a pilot landing at an airport
        ("A gunman killed three people at the depot. Dale Wendig flew a plane into Heathrow on Monday.", "Dale Wendig"),
        # the victim a clause of the attacker's names
        (
            "A gunman killed four people at the depot. Dale Wendig was the first of four people the gunman killed.",
            "Dale Wendig",
        ),
        # what the shot that hit her did
        ("Four people were shot at the depot. Jane Doern was shot in the head, killing her instantly.", "Jane Doern"),
        # "he" in what a prosecutor says about the suspect is the suspect
        (
            "Two people were hurt with a cleaver outside the magazine's old offices in a terror attack. Prosecutor "
            "Jean Riquet told reporters that the suspect brought bottles of solvent with which he meant to set fire "
            "to the offices. Riquet said the suspect meant to get inside but when he saw two employees on a break "
            "by the door, he believed they worked for the magazine and attacked them with the cleaver.",
            "Jean Riquet",
        ),
        # a mother who pleaded guilty to destroying what tied her son to the attack
        (
            "A couple shot dead 12 people at an office party in 2019 and died in a shootout with police. The "
            "gunman's mother, Nadia Quraishi, will plead guilty to one count of altering records with the intent "
            "of impeding an investigation.",
            "Nadia Quraishi",
        ),
        # a lawyer "charged with" a task
        (
            "A gunman killed 58 people at a festival in 2017. Rob Egan, the lawyer charged with handling the "
            "hundreds of claims brought against the hotel, filed a plan in court.",
            "Rob Egan",
        ),
        # a witness the paper names as it quotes him on the gunman
        (
            "A soldier shot dead 20 people at a mall on Saturday. The gunman aimed at people's heads, a guard "
            "said. \u201cHe was firing everywhere,\u201d the man, identified as Kwame Osei, said.",
            "Kwame Osei",
        ),
        # a victim named as the attacker of the sentence before would be, but shot
        (
            "A gunman killed 38 tourists on a beach in Sousse on Friday. The Irishwoman, named as Laura Kerr, was "
            "shot as she sunbathed.",
            "Laura Kerr",
        ),
        # a victim a relative clause says was shot
        (
            "Two students killed 13 people at the school in 2001. Another cross carried the name of Ezra Collings, "
            "a Westfield High junior who was shot in the cafeteria on May 3, 2001.",
            "Ezra Collings",
        ),
        # a photo credit the recogniser read as one name with its agency
        (
            "A gunman killed 77 people in 2011. Photo of the town's memorial to the attacks by Liv Aasen / "
            "Nordlysposten.",
            "Liv Aasen / Nordlysposten",
        ),
        # a witness who says officers opened fire
        ("A gunman killed 5 people at a mall on Saturday. Dana Kerrigan said officers opened fire.", "Dana Kerrigan"),
        # a victim's mother watching the film of the gunman "carrying a rifle" in court
        (
            "A 15-year-old gunman killed one student and wounded three others at Lakeview High School. Seated in "
            "the front row of the courtroom, Nora Pell determinedly watched the screen as it showed her son follow "
            "Kemp, carrying a rifle, down the second-floor hallway at Lakeview.",
            "Nora Pell",
        ),
        # a father tried for owning the gun, who "does not face any charges" for what his son did with it
        (
            "Lawyers made their final arguments Monday in the trial of Harold Venn, charged with six counts of "
            "illegally possessing guns, including the one his son, Kyle, used to kill four friends and then himself "
            "at Ridgeview High School on Oct. 24, a rampage that left five people dead. Venn does not face any "
            "charges related to his son's actions.",
            "Harold Venn",
        ),
        # a parent charged over the gun, with "faced" for the court step
        (
            "A student shot dead two people at the school in 2024. Jeffrey Ruppel faced felony charges of "
            "contributing to the delinquency of a child and providing a dangerous weapon to a minor.",
            "Jeffrey Ruppel",
        ),
    ],
)
def test_a_speaker_a_relative_an_invented_man_or_one_tried_for_less_is_not_the_attacker(
    checker: Checker, body: str, name: str
) -> None:
    assert report_roles(checker, body).get(name) != "perpetrator"


def test_a_name_tagged_as_an_organisation_with_a_soldier_s_rank_is_the_gunman_it_stands_beside(
    nlp: Language, lexicon: ActorLexicon
) -> None:
    doc = nlp(
        "A soldier killed 29 people at a mall. The gunman, Sergeant-Major Anan Wongsa, was shot dead by commandos."
    )
    start = next(t.i for t in doc if t.text == "Sergeant")
    doc.ents = [Span(doc, start, start + 5, label="ORG")]  # as the small model tags a rank and a Thai name
    assert roles(find_cast({"body": doc}, lexicon=lexicon)).get("Anan Wongsa") == "perpetrator"


def test_a_name_tagged_as_an_organisation_is_a_person_when_one_of_the_accused(
    nlp: Language, lexicon: ActorLexicon
) -> None:
    doc = nlp(
        "Gunmen killed 166 people in the city in 2008. Zakaria Rehmat Lodhi, one of the main accused in the "
        "attacks case, was granted bail on Thursday."
    )
    start = next(t.i for t in doc if t.text == "Zakaria")
    doc.ents = [Span(doc, start, start + 3, label="ORG")]
    assert roles(find_cast({"body": doc}, lexicon=lexicon)).get("Zakaria Rehmat Lodhi") == "perpetrator"


def test_the_victim_named_after_the_assassin_of_takes_nothing_from_the_list_after_him(checker: Checker) -> None:
    body = (
        "A teacher was beheaded near his school in 2020. Both friends of the assassin of Professor Paul Marin, "
        "Idris Kanu and Malik Ferro, were convicted of complicity in the murder."
    )
    (victim,) = actors_named(checker, body, "Marin")
    assert not any(c.startswith("apposition:") for c in victim.cues), victim.cues


@pytest.mark.parametrize(
    ("title", "role"),
    [
        (Cue("official", "rank:sergeant", 3.0), "perpetrator"),  # "The gunman, Sergeant NAME,"
        (Cue("official", "title:minister", 3.0), "official"),  # a misparsed "Interior Minister NAME said"
    ],
)
def test_a_rank_beside_a_perpetrator_noun_is_his_grade_but_an_office_stays_an_office(
    lexicon: ActorLexicon, title: Cue, role: str
) -> None:
    cues = [title, Cue("perpetrator", "apposition:gunman", 3.0)]
    assert pick_role(score_cues(cues), lexicon, allow_perpetrator=True)[0] == role


def test_a_subject_before_the_word_that_opens_a_clause_is_not_the_clause_s(nlp: Language) -> None:
    # A Title Case headline's parse: "Queen Sonja lead silence after fanatics murdered 32", with both names made
    # subjects of "murdered"; "after" opens the clause behind the queen.
    words = ["Queen", "Sonja", "lead", "silence", "after", "fanatics", "murdered", "32"]
    heads = [1, 6, 3, 1, 6, 6, 6, 6]
    deps = ["compound", "nsubj", "amod", "appos", "mark", "nsubj", "ROOT", "dobj"]
    pos = ["PROPN", "PROPN", "ADJ", "NOUN", "SCONJ", "NOUN", "VERB", "NUM"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_verbs(doc[1]) == []
    assert [v.text for v, _ in subject_verbs(doc[5])] == ["murdered"]


def test_a_name_tagged_as_an_organisation_is_a_person_when_described_as_a_man(
    nlp: Language, lexicon: ActorLexicon
) -> None:
    doc = nlp(
        "Brahim Aouissami, a Tunisian man, is on trial in France charged with the fatal attack on three people at "
        "the basilica."
    )
    doc.ents = [Span(doc, 0, 2, label="ORG")]  # as the small model tags many Maghrebi names
    assert "Brahim Aouissami" in roles(find_cast({"body": doc}, lexicon=lexicon))


def test_father_before_a_full_name_no_one_owns_is_a_priests_title(checker: Checker) -> None:
    body = (
        "Two attackers killed a priest and wounded two worshippers in a terror attack on a church in 2016. They "
        "cut the throat of Father Jacques Hamel at the altar. The gunman's father, Tomas Wendig, said his son was "
        "troubled."
    )
    (priest,) = actors_named(checker, body, "Hamel")
    (father,) = actors_named(checker, body, "Wendig")
    assert not any(c.startswith("relative:") for c in priest.cues), priest.cues
    assert "relative:father" in father.cues, father.cues


@pytest.mark.parametrize(
    ("closing", "attack"),
    [
        ("Suicide bombers Karim Vessel and Nadir Lachen attacked the airport.", True),
        ("Police have not said who was behind the bombings.", False),
    ],
)
def test_attack_words_and_several_victims_without_a_casualty_word_are_an_attack_once_the_attacker_is_named(
    checker: Checker, closing: str, attack: bool
) -> None:
    body = (
        "Two explosions ripped through the airport on Tuesday morning and another blast rocked a metro station an "
        "hour later. Belgian authorities raised the terror alert after the bombings. " + closing
    )
    analysis, _ = analyse(checker, article_from_text(body))
    assert analysis.context.attack is attack


def test_a_one_letter_surname_alone_needs_its_stop(checker: Checker) -> None:
    """ "Riaz A.", as German police name a suspect, is "A." alone too; the caption's opening "A" is the article."""
    article = article_from_text(
        "A teenager attacked passengers on a train with an axe, injuring five people. Police identified the "
        "attacker as Riaz A., 17. A. had lived with a foster family.",
        headline="Teen behind train axe attack lived with a foster family",
    )
    caption = Image(caption="A still from a video the group posted, in which a man vows to carry out an attack.")
    analysis, report = analyse(checker, replace(article, images=(caption,)))
    (attacker,) = analysis.cast.perpetrators
    assert [m.text for m in attacker.mentions] == ["Riaz A.", "A."]
    assert not [f for f in report.findings if f.rule == "name-in-headline"]
