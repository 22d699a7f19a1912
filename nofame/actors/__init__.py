"""Who is who in an article: perpetrator, victims, officials, helpers, others.

CONTRACT (the rule engine depends on exactly this):

    find_cast(docs: Mapping[str, Doc], *, perpetrator_names: Sequence[str] = (),
              lexicon: ActorLexicon, attack: bool = False) -> Cast

`docs` maps field names ("headline", "dek", "title", "slug", "body", "caption[0]", "alt[0]")
to spaCy Docs of that field's text, in article order. Offsets in Mention are code points
into the field's text (token.idx based).

Also here: `load_actor_lexicon(path) -> ActorLexicon` (rules/lexicons/actors.yml, validated once)
and `find_quotes(doc, field, *, lexicon=None, cast=None) -> tuple[Quote, ...]`.

How it works, in order (one module per step):

- `fields`: one `Field` per parsed Doc, with the text, token offsets and sentence starts computed once;
- `candidates`: stretches of text that name a person: PERSON entities, plus names the small model
  misses (after a title, with an age, next to a role noun, subject of an attack verb);
- `clusters`: candidates clustered into actors by folded first and last name; user-given names (before
  one-word mentions, which join them); two people written with one surname ("Khalid and Ibrahim Doe");
- `mentions`: every occurrence of a known full name or surname, found by string matching in every field;
- `cues` (nouns around the name: titles, appositions, predicates, lists), `verbs` (verbs the name is
  subject or object of), `deeds` (what the words right after a clause-opening name say he did, where the
  parse breaks) and `casualties` (named next to a casualty statement): weighted role cues;
- `resolve`: a bare surname shared by two actors, settled by context, gender and recency (a relative
  never takes the bare surname from the person it is related to);
- `roles`: the strongest role wins; `at_large`: is the suspect still sought;
- `speakers`: who said each quotation; `cast`: `find_cast`, which runs the steps above.

Word lists and weights live in the lexicon (`lexicon`, rules/lexicons/actors.yml), not in the code;
`names` folds and parses names, `quotes` finds quotation spans; `grammar` holds the parse helpers.
"""

from nofame.actors.cast import find_cast
from nofame.actors.lexicon import ActorLexicon, LexiconError, load_actor_lexicon
from nofame.actors.speakers import find_quotes
from nofame.actors.types import ROLES, Actor, Cast, Mention, Quote

__all__ = [
    "ROLES",
    "Actor",
    "ActorLexicon",
    "Cast",
    "LexiconError",
    "Mention",
    "Quote",
    "find_cast",
    "find_quotes",
    "load_actor_lexicon",
]
