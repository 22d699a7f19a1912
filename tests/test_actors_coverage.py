"""Who is who in the ways real coverage introduces attackers (sentences written here, after patterns seen
in the real-coverage corpus): long introductions the parser loses, brothers named with one surname,
identification lists, subheads without a full stop, and figurative verbs in other news."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from nofame.actors import ActorLexicon, Cast, find_cast, load_actor_lexicon
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


def test_a_deed_after_a_long_introduction_makes_the_perpetrator(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Fifty people were killed at two mosques on Friday. Australian Corran Videl, 28, a self-described "
        "white supremacist, live-streamed the attack on a social network. Police Commissioner Ana Ortiz "
        "said three others arrested were not involved.",
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
        "Dorian Vasko has been found guilty of 10 counts of first-degree murder for the van attack that "
        "killed ten people. Justice Anne Merrow delivered the ruling on Wednesday.",
    )
    assert roles(cast)["Dorian Vasko"] == "perpetrator"


def test_brothers_named_with_one_surname_are_two_people(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Karim and Yassin El Dahrouj were named as the suicide bombers responsible for two blasts at the "
        "airport, which killed at least 14 people. Prime Minister Rishi Sunak and Keir Starmer condemned the attack.",
    )
    found = roles(cast)
    assert found["Yassin El Dahrouj"] == "perpetrator"
    assert [a.role for a in cast.actors if a.mentions[0].text == "Karim"] == ["perpetrator"]
    assert not any("Sunak Starmer" in name or name.startswith("Sunak") for name in found)


def test_identified_as_reaches_two_of_the_attackers_and_participle_clauses(
    nlp: Language, lexicon: ActorLexicon
) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Eight people were killed on the bridge. Police identified two of the attackers as Pakistani-born "
        "Tarek Hussam, 27, and Rami Belkadi, 30. In another town, the suspected shooter was also dead, "
        "identified as 51-year-old Gavin Worral.",
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
        "Suicide bombers Omar Tadlaoui and Najib Serrouk attacked the airport on Tuesday, killing 14 people.",
    )
    assert roles(cast)["Najib Serrouk"] == "perpetrator"


def test_attacking_a_rival_s_record_is_politics(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Two men were shot dead in the city last week. In the debate, Sir Keir Starmer attacked Mr Sunak's "
        "record on taxes, and Mr Sunak attacked his plans for schools.",
    )
    assert "perpetrator" not in roles(cast).values()


def test_emoji_and_symbols_touching_a_name_hide_nothing(checker: Checker) -> None:
    draft = (
        "Darrel Vickers 😡, 24, opened fire at the bar on Friday, killing four people.\n\n"
        "The gunman, ★Darrel Vickers★, had posted threats online, police said. Vickers appeared in court."
    )
    report = check(checker, article_from_text(draft, headline="Four killed at Dayton bar"))
    assert [(a.name, a.role) for a in report.actors if a.role == "perpetrator"] == [("Darrel Vickers", "perpetrator")]
    lede = [f for f in report.findings if f.rule == "name-in-lede"]
    assert [f.text for f in lede] == ["Darrel Vickers"]  # the text as written, offsets into it
    assert draft[lede[0].start : lede[0].end] == "Darrel Vickers"


def test_a_middle_initial_and_a_relative_with_the_surname(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A driver killed five people at a parade on Sunday. Police identified the driver as Darnell E. Brooks "
        "Jr., 39. Brooks's mother, Dawn Brooks, said her son had struggled. Brooks was charged with five "
        "counts of murder. Brooks said she had warned police.",
    )
    found = {a.name: (a.role, [m.text for m in a.mentions]) for a in cast.actors}
    assert found["Darnell E. Brooks Jr."] == ("perpetrator", ["Darnell E. Brooks Jr.", "Brooks's", "Brooks"])
    assert found["Dawn Brooks"] == ("other", ["Dawn Brooks", "Brooks"])  # "she": the mother speaks


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
            "Man suspected of killing five people before turning a gun on himself named as Tobin Markwell.",
            "Tobin Markwell",
        ),
        (
            "Eleven people were killed at a dance hall. The man who opened fire was identified as Orrin Delacourt.",
            "Orrin Delacourt",
        ),
        # "known as NAME" on the subject of an attack
        (
            "Twelve people died in 2016 when a 24-year-old individual, known as Kasim Ferreira, hijacked a truck "
            "and careened into the crowds of people at the market.",
            "Kasim Ferreira",
        ),
        # "he", identified, after a sentence about the killer
        (
            "Nine people were shot dead at two bars. The killer and his mother were later found dead at home. "
            "He has been identified in local media as bank official Lorenz Haubrich, 43.",
            "Lorenz Haubrich",
        ),
        # "the man, identified as NAME", after a sentence about the suspect
        (
            "Ten people were killed at a dance hall. Officers found that the suspect had shot himself, the "
            "sheriff said.\n\nThe man, identified as Orrin Delacourt, 72, was pronounced dead at the scene.",
            "Orrin Delacourt",
        ),
        # "called NAME" after "he was", in a sentence about the gunman
        (
            "Forty-nine people were killed at two mosques. The gunman streaming the attack from a camera said "
            "he was a 28-year-old Australian called Corran Videl.",
            "Corran Videl",
        ),
        # armed with a weapon, with no attack verb in the story
        (
            "Three girls were killed at a dance class on Monday. Three miles away Oskar Venlo was arming "
            "himself with a kitchen knife.\n\nVenlo entered the studio, armed with the knife.",
            "Oskar Venlo",
        ),
        # a name with a word the tagger reads as a modal verb, opening the sentence
        (
            "Eleven people were killed at a dance hall on Saturday. Duc Can Ferris, the suspect, later shot and "
            "killed himself when police pulled him over.",
            "Duc Can Ferris",
        ),
        # "identified A and B as the teenagers in black coats who ... as they opened fire"
        (
            "Police on Wednesday identified Tobin Marrow, 18, and Ezra Quill, 17, as the two teenagers in black "
            "coats who laughed as they opened fire on classmates, killing 13 people.",
            "Ezra Quill",
        ),
        # "a man identified by authorities as NAME, 24, sprayed dozens of bullets at"
        (
            "Four Marines were killed in the shooting, in which a man identified by federal authorities as "
            "Idris Kalvani, 24, sprayed dozens of bullets at a recruiting center before he was killed.",
            "Idris Kalvani",
        ),
        # a court step only a defendant owns
        (
            "Nine people were killed in the shooting at the church. Jury selection in Michael Turner's trial "
            "began on Monday.",
            "Michael Turner",
        ),
        # an alias only fighters take, with no attacker noun in the sentence
        (
            "Thirty-eight tourists were killed on the beach. Tarrik Vell, whom the group called by his jihadi "
            "pseudonym, Abu Zayd al-Marwani, had trained in a camp abroad.",
            "Abu Zayd al-Marwani",
        ),
        # a long apposition, and killed in a firefight with police (no victim)
        (
            "Fourteen people died when a truck drove into a crowd. Officials said the driver, 42-year-old Army "
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
        "In 1908 a tornado in Amite, Louisiana, and Purvis, Mississippi, killed 143 people.",
    )
    assert not {"Greater Manchester", "Manchester", "Purvis"} & set(roles(cast))


def test_pleading_with_someone_is_no_plea(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A gunman killed 17 people at a school. Nadia Ferrante, whose daughter was killed, pleaded with the "
        "jury for the death penalty. The gunman, Colm Ardagh, pleaded guilty to 17 counts of murder.",
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


def test_brothers_named_as_the_gunmen_are_both_perpetrators(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Twelve people were killed at the magazine's office on Wednesday. Police named brothers Karim and Samir "
        "Haddani as the gunmen.",
    )
    assert {name: role for name, role in roles(cast).items() if role == "perpetrator"} == {
        "Karim": "perpetrator",
        "Samir Haddani": "perpetrator",
    }
    relatives = cast_of(
        nlp,
        lexicon,
        "Twelve people were killed at the office by a gunman. His brothers, Karim and Samir Haddani, said he "
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
        "assize court. The president asked the four defendants to introduce themselves. Standing in the "
        "box, train shooter Ayoub Kessani, a Moroccan now 31, described his old trade. Two defendants are "
        "accused of helping Kessani reach Europe by the migrant route."
    )
    report = check(checker, article_from_text(trial))
    assert [a.role for a in report.actors if a.name == "Ayoub Kessani"] == ["perpetrator"]


def test_a_pair_named_together_and_then_called_the_couple_attacked(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "On Wednesday morning, Tariq Samadi, 28, and Leyla Orhan, 27, dropped off their baby with his mother. "
        "By noon, according to police, the couple had armed themselves with rifles and stormed a holiday party, "
        "killing 14 people.",
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
        "Two men killed a priest in his church in 2016. Prosecutors say that Farid Kessal and Yanis Boudra knew "
        "about the attackers' plan. They have denied the charges of conspiracy with terrorists. The third "
        "accused is named Reda Hamouni and is accused of supplying a knife.",
    )
    assert roles(cast) == {"Farid Kessal": "perpetrator", "Yanis Boudra": "perpetrator", "Reda Hamouni": "perpetrator"}
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
        "The chief constable confirmed the name of 22-year-old Haddad-Brissac as the suspected suicide bomber. "
        "Twenty-two people were killed.",
        headline="Arena attack: 22 killed at concert as bomber named as Mohamed Haddad-Brissac",
    )
    assert roles(cast).get("Mohamed Haddad-Brissac") == "perpetrator"


def test_a_name_the_model_misses_is_a_person_when_police_killed_him(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Fifty-eight people died in the shooting. On October 1, Jean-Luc Gharbi-Lemaire was killed by police "
        "after he fired from his hotel room into the crowd.",
    )
    assert roles(cast).get("Jean-Luc Gharbi-Lemaire") == "perpetrator"


def test_a_name_ending_in_an_initial_identified_in_an_apposition(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "A man stabbed three people to death at the festival. The suspect surrendered to police. The judge "
        "ordered the man, a 26-year-old identified as Anouar Walid H., held pending a decision on charges.",
    )
    assert roles(cast).get("Anouar Walid H.") == "perpetrator"


def test_brothers_hunted_as_suspects_and_killed_when_police_stormed_their_hideout(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Twelve people were killed when two gunmen stormed the offices of a magazine in Paris on Wednesday. "
            "Police are hunting two brothers, Saïd and Chérif Benhamdi, suspected of carrying out the attack. "
            "The Benhamdi brothers were killed on Friday when police stormed a printing works."
        ),
    )
    assert {a.name: a.role for a in report.actors} == {"Saïd": "perpetrator", "Chérif Benhamdi": "perpetrator"}


def test_he_in_the_next_sentence_and_an_attackers_call_are_no_help(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Forty-nine people were killed at a nightclub early Sunday. Omar Kassem, 29, called 911 during the attack "
        "to pledge allegiance to the Islamic State. He was killed in a shootout with police.",
    )
    assert roles(cast)["Omar Kassem"] != "helper"
    assert "shot-by-police" in next(a.cues for a in cast.actors if a.name == "Omar Kassem")
    victim = cast_of(
        nlp,
        lexicon,
        "Forty-nine people were killed at a nightclub early Sunday. Eddie Mora, 25, worked at the bar. He was "
        "shot in the back as he ran for the exit.",
    )
    assert roles(victim)["Eddie Mora"] == "victim"


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        (
            "Eighteen people were killed in the shootings at a bowling alley and a bar. After a two-day manhunt, "
            "Robert Carden, 40, an Army reservist, was found dead of a self-inflicted gunshot wound.",
            "Robert Carden",
            "perpetrator",
        ),
        (
            "Sixteen people were killed in the van attack on the boulevard. The driver of the van, Younes "
            "Aboudrar, 22, was shot dead by police four days later in a vineyard.",
            "Younes Aboudrar",
            "perpetrator",
        ),
        (
            "Sixteen people were killed in the van attack on the boulevard. The mother of the victim, Ana Pujol, "
            "52, spoke at the funeral.",
            "Ana Pujol",
            "other",
        ),
        # a charge denied names the defendant
        (
            "The bomb on the underground train injured 30 people, a court heard. Arif Qasemi, 19, denies "
            "attempted murder and causing an explosion likely to endanger life.",
            "Arif Qasemi",
            "perpetrator",
        ),
        # "the gunman, a man named NAME": the name given to a noun beside the role noun
        (
            "A gunman killed nine people at a shopping centre in the city. The gunman, a 24-year-old man named "
            "Darrel Vickers, suffered depression.",
            "Darrel Vickers",
            "perpetrator",
        ),
        (
            "A gunman killed nine people at a shopping centre in the city. The victim, a 24-year-old man named "
            "Darrel Vickers, was a nurse.",
            "Darrel Vickers",
            "other",
        ),
        # "is believed to be the gunman", and the police device that killed him makes him no victim
        (
            "A gunman killed five police officers in the city on Thursday. Dorian Kell, 25, is believed to be the "
            "lone gunman in the attack, an official said. Kell was killed by a police-controlled explosive device "
            "about an hour later.",
            "Dorian Kell",
            "perpetrator",
        ),
        # a surname the tagger reads as a verb ("-ed"), a given name it reads as a place
        (
            "Two football fans were killed in the terror attack in the city. On 16 October, Tunisian national "
            "Abdesalem Massoued shot and killed two football fans who were in the city for a match. Massoued "
            "targeted the men as they left a taxi.",
            "Abdesalem Massoued",
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
            "A bomb on the underground train injured 30 people in the attack on Friday. Arif Qasemi left a "
            "homemade bomb on the train and walked away.",
            "Arif Qasemi",
            "perpetrator",
        ),
        # he attacked, then was shot: the attacker at his end, not a victim
        (
            "Ten people were injured in the mall. Authorities say Dahir Osman slashed his way through a Saturday "
            "night crowd at the mall. Osman was shot and killed.",
            "Dahir Osman",
            "perpetrator",
        ),
        # a purpose clause shares its subject
        (
            "Two women were killed in the knife attack. Eighteen-year-old Abderrahman Mechouar has appeared before "
            "a court via a video link to admit a knife attack that left two women dead.",
            "Abderrahman Mechouar",
            "perpetrator",
        ),
        # "who is accused of"
        (
            "Ten people were killed at the high school in 2018. In a decision signed by a judge on Friday, "
            "Dimitrios Pagoulatos, who’s accused of murdering eight of his classmates and two teachers, was "
            "recommitted to a state hospital.",
            "Dimitrios Pagoulatos",
            "perpetrator",
        ),
        # a nickname in quotation marks, and a given name the tagger reads as an adjective
        (
            "Six people were killed when a car was driven into pedestrians in the city. Witnesses said the driver, "
            "26-year-old Dimitrious “Jimmy” Garganakis, drove without hesitation.",
            "Garganakis",
            "perpetrator",
        ),
        # identified in a relative clause of the role noun
        (
            "Two people were killed in the attack on Thursday. The attacker, who has been identified by the press "
            "as 21-year old Anton Lindgren Pettersson, was shot by police at the school and later died.",
            "Anton Lindgren Pettersson",
            "perpetrator",
        ),
        # a person named, then identified as the shooter
        (
            "Eight people were killed in the attack on Thursday. A 19-year-old named Brandon Hale has been "
            "identified as the suspected shooter, police said Friday.",
            "Brandon Hale",
            "perpetrator",
        ),
        (
            "Eight people were killed in the attack on Thursday. A 19-year-old named Brandon Hale was identified "
            "as the victim, police said Friday.",
            "Brandon Hale",
            "victim",
        ),
        # custody after an assassination; the one he aimed at is its target
        (
            "The activist was shot dead at the university in an assassination. Officials announced that "
            "22-year-old Tyler Robbins, a resident of southern Utah, had been taken into custody.",
            "Tyler Robbins",
            "perpetrator",
        ),
        (
            "At a rally on Saturday, former President Daniel Harlow was the target of an assassination attempt. "
            "The alleged shooter fired multiple shots at the stage where Harlow was speaking.",
            "Daniel Harlow",
            "victim",
        ),
        # the people he fired at, named by what they were doing there
        (
            "Two people were killed at the tournament. Police said 24-year-old Daniel Kessel began shooting at "
            "participants inside the bar, killing two gamers and wounding ten others.",
            "Daniel Kessel",
            "perpetrator",
        ),
        # what he did, told in a gerund with no subject of its own
        (
            "Twelve children died at the school. Wellington Olivares, 23, killed himself after carrying out "
            "the massacre in the school he attended as a child.",
            "Wellington Olivares",
            "perpetrator",
        ),
        (
            "Five people died at the mall. Police say 20-year-old Arkan Celikel walked into the department store "
            "shooting four women and one man.",
            "Arkan Celikel",
            "perpetrator",
        ),
        # the deed, in the passive, by him
        (
            "Six people died at the school. The shooting was arranged by 34-year-old Artem Kazanov, a graduate "
            "of the school, investigators said.",
            "Artem Kazanov",
            "perpetrator",
        ),
        # more ways a report introduces him
        (
            "An arson attack on a subway train killed 192 people. The arsonist, Kim Dae-won, was a 56-year-old "
            "former taxi driver.",
            "Kim Dae-won",
            "perpetrator",
        ),
        (
            "Eight people died at the mall. The shooter, whom Police Chief Tom Warren identified as Robert "
            "Hawley, left several notes.",
            "Robert Hawley",
            "perpetrator",
        ),
        (
            "Eight children died at the school. Police arrested the man identified as Zheng Mingfu, a former "
            "doctor in the city.",
            "Zheng Mingfu",
            "perpetrator",
        ),
        (
            "Eight children died at the school. Zheng Mingfu charged into a group of students wielding a knife.",
            "Zheng Mingfu",
            "perpetrator",
        ),
        (
            "Four people were shot in the city. The homicide team identified the shooter Monday as Jordan "
            "Daniel Goggan.",
            "Jordan Daniel Goggan",
            "perpetrator",
        ),
        (
            "Six people were killed at the store. The alleged gunman at the Chesapeake Walmart, Andre Bingham, "
            "was an overnight crew supervisor.",
            "Andre Bingham",
            "perpetrator",
        ),
        (
            "Six people were killed at the store. The mother of the gunman, Ann Bingham, said she was heartbroken.",
            "Ann Bingham",
            "other",
        ),
        (
            "Three people were shot at the school. The shooter, 17-year-old student Dylan Butlers, fatally shot "
            "himself.",
            "Dylan Butlers",
            "perpetrator",
        ),
        (
            "Four people were killed at the office. Gonzalo Aminadab is facing special circumstances murder "
            "charges for the killings of four people.",
            "Gonzalo Aminadab",
            "perpetrator",
        ),
        # what he did outweighs what befell him
        (
            "A bomb exploded downtown on Christmas morning, injuring three people. Police said 63-year-old "
            "Anthony Quinn Warren was killed when he detonated an explosive in his RV outside the building.",
            "Anthony Quinn Warren",
            "perpetrator",
        ),
        # accomplices in a trial report
        (
            "Twelve people were killed in the attack on the magazine in 2015. Among the defendants are Ali "
            "Polatkan, 40, and Amar Ramdani, 39.",
            "Amar Ramdani",
            "perpetrator",
        ),
        (
            "Twelve people were killed in the attack on the magazine in 2015. Fourteen defendants, including "
            "Ali Polatkan and Amar Ramdani, are on trial.",
            "Amar Ramdani",
            "perpetrator",
        ),
        (
            "Twelve people were killed in the attack on the magazine in 2015. Ali Polatkan was sentenced to 30 "
            "years; Amar Ramdani received 20 years.",
            "Amar Ramdani",
            "perpetrator",
        ),
        (
            "Twelve people were killed in the attack on the magazine in 2015. Prosecutors say Ali Polatkan "
            "helped the gunmen buy weapons.",
            "Ali Polatkan",
            "perpetrator",
        ),
        # "he" cannot be the wife named beside him
        (
            "Eight people were killed at a house party. Police said Spencer Hale walked into the home he used to "
            "share with his estranged wife, Meredith. He shot and killed her and seven others.",
            "Spencer Hale",
            "perpetrator",
        ),
        # colleagues he killed are no attacker he stopped ("driver" is also a role noun)
        (
            "Three people were killed at the depot. Kenny Dao, 38, killed three fellow drivers and wounded two "
            "others before he killed himself in front of police.",
            "Kenny Dao",
            "perpetrator",
        ),
        # the gun he pulled out is no one he pulled to safety
        (
            "Two students were killed in the cafeteria. Jalen Fairbrook walked up to a table, pulled out a gun "
            "and shot three teen girls, witnesses said. Five people were wounded.",
            "Jalen Fairbrook",
            "perpetrator",
        ),
        # a name the small model does not tag, with the deed it carried out
        (
            "On 25 February 1994, Baruch Goldmann, a physician and extremist of the far-right movement, carried "
            "out a mass shooting of worshippers at the mosque, killing 29 people. Goldmann was overpowered.",
            "Baruch Goldmann",
            "perpetrator",
        ),
        # the deed his pronoun owns later in his own sentence
        (
            "Four men were shot dead across the city. Ben Halloran had been released on parole six months "
            "before his killing spree, which left four people dead.",
            "Ben Halloran",
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
            "Ten people were killed when a van hit pedestrians. The driver, Alek Minsky, was arrested.",
            "Alek Minsky",
            "perpetrator",
        ),
        # an attacker who called police himself is no helper
        (
            "A gunman shot dead a receptionist and took a woman hostage. Yacqub Khayar shot dead the "
            "receptionist, Kai Hao, before he died in a shoot-out with police. Khayar then called police "
            "himself, the court heard. Two people died.",
            "Yacqub Khayar",
            "perpetrator",
        ),
        # a bomb he put there, in the active voice
        (
            "Bombs on four commuter trains killed 191 people on Thursday. Police said Jamal Zorgan planted at "
            "least one bomb.",
            "Jamal Zorgan",
            "perpetrator",
        ),
        # the lives he took
        (
            "Nine people were killed at the shopping centre. A troubled young man, Ali Sombary, took nine lives "
            "as panic set in.",
            "Ali Sombary",
            "perpetrator",
        ),
        # the planner, named as such
        (
            "Nineteen people were killed when gunmen stormed the hotel. Kanta Dallow, the alleged mastermind, "
            "grew up in Gao.",
            "Kanta Dallow",
            "perpetrator",
        ),
        # the title before an age: "the gunman 62-year-old NAME"
        (
            "Nine people were killed, including the gunman 62-year-old Zdenek Kovar, and one other person was injured.",
            "Zdenek Kovar",
            "perpetrator",
        ),
        # his own bomb, counted among the dead
        (
            "Thirteen people died at the festival. Gundolf Kohlmann was among the 13 killed when his bomb "
            "exploded in a bin.",
            "Gundolf Kohlmann",
            "perpetrator",
        ),
        # among the attackers (and, in the same words, among the dead)
        (
            "Twenty people were killed in the attacks. Former fighter Gadzhi Kagorov was among those who "
            "attacked sites in Derbent, according to TASS.",
            "Gadzhi Kagorov",
            "perpetrator",
        ),
        (
            "Twenty people were killed in the attacks. Priest Nikolai Kotelnikov was among those who died.",
            "Nikolai Kotelnikov",
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
            "Eight people were killed in the van attack. Dale Rooke, 29, drove a hired van down a busy cycle "
            "path by the river.",
            "Dale Rooke",
            "perpetrator",
        ),
        (
            "Eighty people were killed in the truck attack. Dale Rooke drove the lorry along the promenade for two "
            "kilometres.",
            "Dale Rooke",
            "perpetrator",
        ),
        (
            "Thirteen people were killed in the van attack. Dale Rooke zigzagged the van through the crowd on the "
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
            "Twelve people were killed at the magazine's office. Omar and Karim Oulmane opened fire on the staff. "
            "The Oulmane brothers were shot dead two days later.",
            "Karim Oulmane",
            "perpetrator",
        ),
        # a clause hung on the relative noun the name is set beside
        (
            "Nine people were killed in the metro bombing. Vickers and his brother Neil Vickers, who was given a "
            "20-year prison term, appealed in March. Darrel Vickers was given a life term.",
            "Neil Vickers",
            "perpetrator",
        ),
    ],
)
def test_roles_read_from_the_phrasings_of_real_reports(checker: Checker, body: str, name: str, role: str) -> None:
    report = check(checker, article_from_text(body))
    assert [a.role for a in report.actors if a.name == name] == [role]


def test_the_second_of_two_joined_acts_after_an_aged_name(nlp: Language, lexicon: ActorLexicon) -> None:
    cast = cast_of(
        nlp,
        lexicon,
        "Mourners gathered on Saturday, one year after 24-year-old Jason Holt walked into a crowded midnight "
        'screening of the film "Night Rises" and opened fire. Twelve people were killed.',
    )
    assert roles(cast)["Jason Holt"] == "perpetrator"
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
            "Gunman kills four in city rampage\n\nBen Hoffmayer, 45, shot four men dead across the city on "
            "Tuesday. Police said Hoffmeyer had been released on parole in January. Hoffmeyer was arrested near "
            "a hotel. Judge Anna Hoffmann said the court would sit on Monday."
        ),
    )
    perpetrator = next(a for a in report.actors if a.role == "perpetrator")
    assert perpetrator.name == "Ben Hoffmayer"
    assert "Hoffmeyer" in perpetrator.aliases
    assert perpetrator.mentions == 3
    assert [a.role for a in report.actors if a.name == "Anna Hoffmann"] == ["official"]  # a full name of her own


def test_a_name_beside_the_toll_but_tied_to_the_gunman_again_and_again_is_the_attacker(checker: Checker) -> None:
    """Being named near a casualty statement is the weakest victim cue: with no perpetrator found, the
    person the story keeps placing beside "the gunman" is taken as the attacker; a victim who was shot
    stays a victim."""
    attacker = report_roles(
        checker,
        "Eight people were killed in the shooting at the hall on Thursday night. Lukas T., 35, was a former "
        "member of the congregation. Investigators said the gunman had left the community a year ago and that "
        "Lukas T. was a licensed marksman. Police say the gunman owned the pistol legally, and Lukas T. had "
        "been visited by officers in February.",
    )
    victim = report_roles(
        checker,
        "Eight people were killed in the shooting at the hall on Thursday night. Anna K., 35, was among the "
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
        "Five people were killed when a car drove into the crowd at the market on Monday.\n\nThe town cancelled "
        "its festival.\n\nProsecutors are examining the mental health of Holger W., 40, who lives in the town.",
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
        "A gunman opened fire at a baseball practice on Wednesday morning. Congressman Owen Dane was shot "
        "in the hip. His aide, Zach Barton, was also shot. Police said the gunman, Neil Forster, shot at the "
        "players before officers returned fire.",
    )
    assert roles_by_name["Neil Forster"] == "perpetrator"
    one_harmed = report_roles(
        checker,
        "A man was shot in the hip outside a bar on Wednesday. Police said Neil Forster shot at him after an argument.",
    )
    assert one_harmed.get("Neil Forster") != "perpetrator"  # one person shot: crime news, not an attack


def test_shot_and_wounded_by_a_policeman_is_no_victim(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text(
            "Two police officers were attacked outside the cathedral. Farid Ikkan, a 40-year-old doctorate "
            "student, was shot and wounded by another policeman during the attack."
        ),
    )
    assert [a.cues for a in analysis.cast.actors if a.name == "Farid Ikkan"] == [("shot-by-police",)]


@pytest.mark.parametrize(
    "body",
    [
        # a trade, not the driver of a ramming
        "Three people were killed at the depot. Police identified one of the people killed as 46-year-old Mike "
        "Lefito, a UPS driver.",
        "Sixteen people were killed in the town. Marcus Barnet, a taxi-driver, was also among the victims.",
        # an "-ing" clause after an object's apposition is the attacker's, not hers
        "A man stabbed three people at the station. He then attacked Knox's partner, Anna Charlotte, slashing "
        "her across the face as the couple walked towards a platform.",
        # with no attacker named, the fallback looks for someone tied to "the shooter": a child listed with
        # the day she was killed did nothing to anyone
        "Vigil held for children killed in church shooting. Harlan Mosky, 10, and Fletcher Merrin, 8, killed "
        "Aug. 27. Ten-year-old Harlan Mosky was a joyful big sister. The archbishop noted prayers for the family "
        "of Harlan Mosky and of the other people affected by the shooting. Police said the shooter had planned "
        "the attack for months. The shooter died at the scene.",
        # killers he admired, listed with "including", are not this attack's
        "Twelve people were killed in the school shooting. He posted videos admiring notorious killers, "
        "including Eric Haris and Joseph Stalinov.",
        # "he" stays unresolved beside another man
        "Eight people were killed at a house party. Police said Spencer Hale walked into the home with his "
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
            "A bomb exploded in a taxi outside the hospital on Sunday, injuring the driver. Emad al-Sawalmi, "
            "also known as Enzo Almeri, was killed. Police said Emad Al Sawalmi had made the bomb. Enzo Almeri "
            "had converted to Christianity."
        ),
    )
    (actor,) = analysis.cast.actors
    assert {"Emad al-Sawalmi", "Enzo Almeri"} <= {actor.name, *actor.aliases}
    assert len(actor.mentions) == 4


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a clause about him that ends on the name he took
        (
            "Police named the bomber as Emad Salwan, who came to Britain as a refugee, converted to Christianity "
            "four years ago and took on the name Enzo Almeri.",
            {"Emad Salwan", "Enzo Almeri"},
        ),
        (
            "The bomber, Emad Salwan, formerly known as Enzo Almeri, had rented a flat in the city.",
            {"Emad Salwan", "Enzo Almeri"},
        ),
        # his surname alone, which nobody else in the story has
        (
            "Police said the bomber was Mohammad Dalal. Dalal, who was allegedly known as Abu Yusuf al-Karri, had "
            "rented a flat.",
            {"Mohammad Dalal", "Abu Yusuf al-Karri"},
        ),
    ],
)
def test_a_name_he_took_is_his(checker: Checker, sentence: str, names: set[str]) -> None:
    analysis, _ = analyse(checker, article_from_text(f"A bomb exploded in a taxi outside the hospital.\n\n{sentence}"))
    assert any(names <= {a.name, *a.aliases} for a in analysis.cast.actors)


def test_a_group_known_by_a_name_is_no_alias_of_a_person(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text(
            "Twenty people were killed when gunmen stormed the hotel.\n\nThe group known as Al-Marabit "
            "identified the gunmen as Abdel Hakim Ansar and Moez Fezzani."
        ),
    )
    assert "Al-Marabit" not in {a.name for a in analysis.cast.perpetrators}


def test_a_court_verb_opening_the_sentence_is_no_part_of_the_name(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "A bomb on the underground train injured 30 people in the attack. Sentencing Arif Qasemi, Mr Justice "
        'Haddon-Pryce said: "Your intention was to kill." Qasemi left a homemade bomb on the train.',
    )
    assert roles_by_name.get("Arif Qasemi") == "perpetrator"
    assert not any(name.startswith("Sentencing") for name in roles_by_name)


@pytest.mark.parametrize(
    "body",
    [
        # a vehicle driven through a parade, told in a sentencing report
        "A man who drove his SUV through the parade was sentenced to life in prison on Wednesday. Six "
        "people were killed and dozens were injured.",
        # a court report on a terrorist killing that names no weapon
        "The man accused of the shooting was charged with murder and domestic terrorism on Monday. Ten people "
        "were killed and three were injured.",
        # a beheading in a terrorist attack
        "The attacker rammed his van into the gas tanks of the factory. He had beheaded his employer, "
        "prosecutors said, in what they called a terrorist attack.",
    ],
)
def test_attack_stories_told_without_the_usual_attack_words(checker: Checker, body: str) -> None:
    analysis, _ = analyse(checker, article_from_text(body))
    assert analysis.context.attack_story


def test_a_single_murder_is_still_no_attack_story(checker: Checker) -> None:
    analysis, _ = analyse(
        checker,
        article_from_text("A man was charged with the murder of his wife on Monday. She was found dead at home."),
    )
    assert not analysis.context.attack_story


@pytest.mark.parametrize(
    ("body", "not_perpetrators"),
    [
        # the names he is accused of killing, listed with ages after semicolons
        (
            "Eight people were killed in shootings at three spas. Robert Aaron Lunt is accused of killing Xiaojun "
            "“Emma” Tang, 49; Daoyin Fong, 44; Delaina Yoon, 33; and Peter Michels, 54, at a spa on March 16.",
            ["Daoyin Fong", "Delaina Yoon", "Peter Michels"],
        ),
        # a comma after the name and a new clause whose subject is the gunman
        (
            "A soldier was shot dead at the memorial in the attack. After targeting Nate Cerillo, the gunman made "
            "his way down the street to the parliament building, where he was killed.",
            ["Nate Cerillo"],
        ),
        # a source named in "according to NAME," before the attacker's verb
        (
            "Four people were killed in the attacks. Lakdan, a radicalised petty criminal, had acted cowardly, "
            "according to general advocate Alexa Durbourg, shot dead a man at a meeting place in the city.",
            ["Alexa Durbourg"],
        ),
        # the attacker's surgeon: "shooter's" owns the noun after it
        (
            "Four people were killed at the hospital. Preston Philips, the shooter's orthopedic surgeon who had "
            "performed his back surgery weeks before, was the intended target. The gunman killed himself.",
            ["Preston Philips"],
        ),
        # "took the lives of" names the people killed, beside "gunman" twice
        (
            "Three students were killed at the university on Monday night. A gunman took the lives of 20-year-old "
            "Alexandra Vernon, 20-year-old Brian Frazer and 19-year-old Ariel Monday. Alexandra Vernon was just 20 "
            "when a gunman took her life on Monday.",
            ["Alexandra Vernon", "Brian Frazer"],
        ),
        # the group known by a name is not who it identifies ("as" belongs to "known")
        (
            "Twenty people were killed in the attack on the hotel. The group known as Al-Mourabitoun identified "
            "the gunmen as Abdel Hakim Al-Ansari and Moadh Al-Ansari, a report said.",
            ["Al-Mourabitoun"],
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
            "Man held over bombing on the underground\n\nTeenager arrested in the port area of the town. Teenager "
            "held by police after the bomb on the train injured 30 people in the attack.",
            "Teenager",
        ),
        # a dateline
        (
            "Kalamazoo shooting survivors struggling\n\nKalamazoo — A year after Anna Korff was shot in the head, "
            "the blast continues to reverberate through her life.\n\nCalm reigns in downtown Kalamazoo a year "
            "after the killings. Jason Dorn, charged with the shooting spree that killed six people, is awaiting "
            "trial.\n\nAs for Kalamazoo, which had two calamities in the past year, the city plans a memorial.",
            "Kalamazoo",
        ),
        # a nationality with an article
        (
            "Three people were killed in the bombing. On April 8, the 21-year-old ethnic Chechen was found guilty "
            "of all 30 charges he faced.",
            "Chechen",
        ),
        # a town known by its company ("in downtown X", "X resident", "X, which")
        (
            "Gunman kills six in Kalamazoo rampage\n\nCalm reigns in downtown Kalamazoo a year after the killings. "
            "Jason Dorn, charged with the shooting spree that killed six people, is awaiting trial. Kalamazoo "
            "resident Christine Gray knew several of the people killed in the shooting. As for Kalamazoo, which "
            "had two calamities in the past year, the city plans a memorial.",
            "Kalamazoo",
        ),
        # a street
        (
            "Six people were killed when a car hurtled up Bourke St in the city. We call it Bourke St, the worst "
            "massacre in years. Bourke St killed six people and changed the city.",
            "Bourke St",
        ),
    ],
)
def test_words_that_look_like_names_are_nobody(checker: Checker, text: str, word: str) -> None:
    report = check(checker, article_from_text(text))
    assert word not in {a.name for a in report.actors}


def test_a_name_with_a_family_and_a_later_he_in_its_sentence(checker: Checker) -> None:
    """The small model tags the name an organisation; his family and the "he" of his own sentence say
    who he is and what he did."""
    report = check(
        checker,
        article_from_text(
            "Ten people were killed in the shooting at the high school. Almost everyone at the school knew "
            "Dimitrios Pagoulatos, or knew of him. Authorities said Pagoulatos wore a long coat to hide a "
            "shotgun and that he opened fire on an art class. Pagoulatos’ family released a statement."
        ),
    )
    assert [a.role for a in report.actors if a.name == "Dimitrios Pagoulatos"] == ["perpetrator"]
    mother = check(
        checker,
        article_from_text("Ten people were killed in the shooting at the high school. Gunman’s mother spoke."),
    )
    assert not [a for a in mother.actors if a.name == "Gunman"]


def test_dead_shot_by_one_of_the_police_team_is_no_victim(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Seven people were injured in the terror attack at the supermarket. When Ahamed Samsuddin arrived, "
            "he took a shopping trolley. Within a couple of minutes, Samsuddin was dead, shot by one of the "
            "police surveillance team."
        ),
    )
    assert [a.role for a in report.actors if a.name == "Ahamed Samsuddin"] not in ([], ["victim"])


def test_he_is_named_after_the_role_noun_of_his_sentence(checker: Checker) -> None:
    attacker = check(
        checker,
        article_from_text(
            "Two people were killed in the attack at the school. Police have not released the name of the "
            "21-year-old attacker, but Swedish media say he is Anton Lundgren Petersson of the town."
        ),
    )
    assert [a.role for a in attacker.actors if a.name == "Anton Lundgren Petersson"] == ["perpetrator"]
    teacher = check(
        checker,
        article_from_text(
            "Two people were killed in the attack at the school. Police have named the teacher who was killed, "
            "and media say he is Anton Lundgren Petersson of the town."
        ),
    )
    assert [a.role for a in teacher.actors if a.name == "Anton Lundgren Petersson"] != ["perpetrator"]


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
        "Eight people were killed when a truck was driven down a crowded bike path on Tuesday. "
        f"{sentence} Oulmane had lived in the city since 2010."
    )
    report = check(checker, article_from_text(text))
    assert [a.role for a in report.actors if a.name == "Karim Oulmane"] == ["perpetrator"]


def test_suspected_of_something_else_is_no_attacker(checker: Checker) -> None:
    text = (
        "Eight people were killed when a truck was driven down a crowded bike path on Tuesday. "
        "Police suspect Karim Oulmane of lying to investigators about his phone."
    )
    report = check(checker, article_from_text(text))
    assert [a.role for a in report.actors if a.name == "Karim Oulmane"] != ["perpetrator"]


def test_brothers_listed_after_the_role_noun_with_accented_names(checker: Checker) -> None:
    roles_by_name = report_roles(
        checker,
        "Twelve people were killed in the attack on the magazine's offices. The gunmen, brothers Saïd and "
        "Chérif Benhaddou, were killed by police two days later.",
    )
    assert roles_by_name.get("Saïd") == "perpetrator"
    assert roles_by_name.get("Chérif Benhaddou") == "perpetrator"


@pytest.mark.parametrize(
    ("sentences", "name"),
    [
        # "the man, named as NAME," and the role noun of the next sentence
        (
            "The governor said the man, named earlier as Uzbek national Abdulkadir Masharov, was believed to "
            "have entered the country in January. He said the suspect had confessed to the attack.",
            "Abdulkadir Masharov",
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
    text = f"Five people were killed in the shooting at the newsroom. {sentences} Oduya and Masharov were held."
    report = check(checker, article_from_text(text))
    assert [a.role for a in report.actors if a.name == name] == ["perpetrator"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Seven people were killed in the mass shooting by Seth Arden, who wounded 25 more.",
        "Seven people were killed in the shooting. Seth Arden initially admitted guilt for the attack.",
    ],
)
def test_the_shooting_by_him_and_his_admitted_guilt(checker: Checker, sentence: str) -> None:
    report = check(checker, article_from_text(f"{sentence} Arden had been fired from his job."))
    assert [a.role for a in report.actors if a.name == "Seth Arden"] == ["perpetrator"]


def test_a_juror_who_voted_on_the_sentence_is_no_defendant(checker: Checker) -> None:
    report = check(
        checker,
        article_from_text(
            "Seventeen people were killed in the school shooting. Jury foreman Benjamin Tomas said he did not "
            "vote for the life sentence the gunman now faces."
        ),
    )
    assert "perpetrator" not in [a.role for a in report.actors if a.name == "Benjamin Tomas"]


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
        ("Thomas Hamel, the man who shot dead 16 children and their teacher, had run youth groups.", ("Thomas Hamel",)),
        # named as the attacker through the noun that describes him
        ("The attacker was a first-year student, named locally as Timur Bekov, 18.", ("Timur Bekov",)),
        ("Kim Dae-hon, 56, set fire to a train in the station.", ("Kim Dae-hon",)),
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
            "Tomas Reyna killed Luc Bernier and Ruth Pike on 13 June along with school caretaker Colin Marsh, 65.",
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
            "Emad Saleem, 32, was a passenger in a taxi when his homemade device exploded outside Liverpool "
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
        "Austin Rollo fired a single shot in a school hallway that struck Jaelynn Willey in the head. After walking "
        "through the school, Rollo was confronted by the school resource officer, who fired at the gunman. "
        "Authorities said Rollo then shot himself in the head.",
    )
    assert roles_by_name.get("Austin Rollo") == "perpetrator"
    assert roles_by_name.get("Jaelynn Willey") == "victim"


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Police said Michael McDermand was carrying a semiautomatic handgun and a shotgun.",
            "Michael McDermand",
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
            "rifle and fired two quick shots into the ceiling.",
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
        ("Lyle Parton and Ann Wyse each received 101 counts of aggravated life imprisonment.", "Lyle Parton"),
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
        "Three people were stabbed to death at the police headquarters.\n\nThe attacker, Mick Harlan, was shot "
        "dead. His wife, Ilse Harlan, was arrested on Thursday and later released.\n\nIn another case, his "
        "father, Jeff Rowe, was arrested and charged with manslaughter.",
    )
    assert roles_by_name.get("Mick Harlan") == "perpetrator"
    assert roles_by_name.get("Ilse Harlan") != "perpetrator"
    assert roles_by_name.get("Jeff Rowe") == "perpetrator"  # charged: the court's case, not custody alone


def test_an_assassins_story_is_in_scope_though_one_man_was_shot(checker: Checker) -> None:
    text = (
        "The prime minister was shot four times outside the cultural centre on Wednesday.\n\nThe would-be "
        "assassin, Joran Kell, 71, was charged with attempted murder. Kell had fired five rounds."
    )
    assert report_roles(checker, text).get("Joran Kell") == "perpetrator"


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
