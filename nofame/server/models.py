"""The JSON API's request and response models, written once: the views validate requests with them and
/api/v1/openapi.json publishes their JSON Schema.

Responses are built by the engine (`Report.to_dict` and friends); these models describe them, and the
test suite checks real responses of every status against the published schema.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from nofame.actors.types import ROLES
from nofame.profiles import PROFILES
from nofame.report import SAFETIES, SCHEMA, SEVERITIES
from nofame.rewrite.edits import SAFETIES as EDIT_SAFETIES
from nofame.ruleset.schema import STATUSES
from nofame.server.errors import CODES
from nofame.server.sent_offsets import MODES as OFFSET_MODES

# Rule ids are known only once the rules are loaded: the document builder fills in the enum where
# this marker stands (see openapi.rule_id_enum).
RULE_ID_MARK = "x-nofame-rule-id"
RuleId = Annotated[str, Field(json_schema_extra={RULE_ID_MARK: True})]

MAX_NAMES = 20
MAX_NAME_CHARS = 200
MAX_ROLE_CHARS = 40
FIELD_NAME = r"^(headline|dek|title|slug|body|caption\[\d+\]|alt\[\d+\])$"
# The codes views name, then the ones every status gets by default (server/errors.py), then the fallback.
VIEW_ERROR_CODES = (
    "malformed_json",
    "missing_text",
    "unsupported_language",
    "invalid_option",
    "invalid_article",
    "fetch_failed",
    "unknown_rule",
    "deadline_exceeded",
    "memory_exceeded",
)
ERROR_CODES = tuple(dict.fromkeys((*VIEW_ERROR_CODES, *CODES.values(), "error")))

Severity = Literal[SEVERITIES]  # type: ignore[valid-type]
Safety = Literal[SAFETIES]  # type: ignore[valid-type]
ProfileName = Literal[tuple(PROFILES)]  # type: ignore[valid-type]
Count = Annotated[int, Field(ge=0)]
Probability = Annotated[float, Field(ge=0, le=1)]
FieldName = Annotated[str, Field(pattern=FIELD_NAME)]
Name = Annotated[str, Field(max_length=MAX_NAME_CHARS)]


class Closed(BaseModel):
    """A response object: exactly these keys, every one present."""

    model_config = ConfigDict(extra="forbid")


# ---------- requests ----------


class CheckRequest(BaseModel):
    """CMS article JSON plus options. Unknown keys are ignored."""

    # strict: "yes" is no boolean and 12 no string; JSON has a type for each and clients should use it.
    model_config = ConfigDict(
        extra="ignore",
        strict=True,
        json_schema_extra={
            "anyOf": [{"required": ["body"]}, {"required": ["html"]}, {"required": ["url"]}],
            "examples": [
                {
                    "headline": "Four killed in Dayton bar shooting",
                    "body": "Four people were killed ...",
                    "profile": "no-notoriety",
                    "perpetrators": ["John Doe"],
                }
            ],
        },
    )

    headline: str | None = None
    dek: str | None = None
    body: str | None = Field(None, description="Plain text; blank lines separate paragraphs.")
    captions: list[str] | None = None
    html: str | None = Field(
        None, description="The article page or fragment: captions, alt text, links and embeds become checkable."
    )
    url: str | None = Field(
        None,
        description="Fetched when neither body nor html is given (public addresses only), else the story's URL, "
        "whose slug is checked.",
    )
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    profile: ProfileName | None = Field(None, description="Threshold profile; the server's default when absent.")
    perpetrators: Name | Annotated[list[Name], Field(max_length=MAX_NAMES)] | None = Field(
        None, description="Names the newsroom knows; detection is then skipped."
    )
    disabled_rules: RuleId | list[RuleId] | None = None
    include_preview: bool | None = None
    offsets: Literal[OFFSET_MODES] = Field(  # type: ignore[valid-type]
        "sent",
        description="/api/v1/check: 'sent' returns headline, dek, body and captions as sent (CRLF and all) with "
        "offsets into them; 'normalised' returns the text as nofame read it. /api/v1/rewrite always answers on "
        "the normalised text.",
    )
    role: Annotated[str, Field(max_length=MAX_ROLE_CHARS, pattern=r"^[A-Za-z' -]*$")] | None = Field(
        None,
        description='Rewrite only: the noun that replaces the name ("the shooter"); chosen from the facts when '
        "absent or empty.",
    )

    def names(self) -> tuple[str, ...]:
        value = self.perpetrators or ()
        return tuple(n.strip() for n in ((value,) if isinstance(value, str) else value) if n.strip())

    def disabled(self) -> frozenset[str]:
        value = self.disabled_rules or ()
        return frozenset((value,) if isinstance(value, str) else value)


# Which request keys are the article and which are options: an invalid one is answered with its code.
ARTICLE_KEYS = frozenset({"headline", "dek", "body", "captions", "html", "url", "published", "outlet", "language"})


# ---------- responses ----------


class Suggestion(Closed):
    replacement: str = Field(
        description="Text that replaces the finding's span (empty: delete it; for a zero-width finding, text to "
        "insert)."
    )
    safety: Safety = Field(
        description="safe: applied by rewrites; unsafe: an editor must check the meaning; display-only: advice, "
        "not an edit."
    )


class Finding(Closed):
    rule: RuleId
    severity: Severity
    field: FieldName = Field(description="Field of `fields` the span is in.")
    start: Count = Field(description="0-based code point offset into the field.")
    end: Count = Field(description="Exclusive end. start == end for an insertion point (a missing help box).")
    text: str = Field(description="The flagged text, `fields[field][start:end]`.")
    message: str
    rationale: str = Field(description="Why it matters.")
    source: str = Field(description="The guideline or study behind the rule (a URL).")
    suggestions: list[Suggestion]
    confidence: Probability


class Actor(Closed):
    id: str
    name: str
    role: Literal[ROLES]  # type: ignore[valid-type]
    aliases: list[str]
    mentions: Count
    confidence: Probability


class Stats(BaseModel):
    """Article statistics; more keys may be added."""

    model_config = ConfigDict(extra="allow")

    words: Count
    about_attack: bool = False
    at_large: bool = False
    perpetrator_mentions: Count = 0
    perpetrator_name_in_headline: bool = False
    victim_mentions: Count = 0
    perpetrator_attention: Count = 0
    role_noun: str | None = None


Fields = Annotated[
    dict[str, str],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": FIELD_NAME},
            "additionalProperties": {"type": "string"},
            "description": "The text of each field; finding offsets refer to these. From /api/v1/check with offsets "
            "'sent' (the default), the fields the client sent as text are returned as sent.",
        }
    ),
]


class Report(Closed):
    """`nofame.report/v1`, the shape every face of nofame emits."""

    schema_: Literal[SCHEMA] = Field(alias="schema")  # type: ignore[valid-type]
    nofame_version: str
    profile: ProfileName
    language: str = Field(description="The article's language (ISO 639-1) as detected; only English is checked.")
    score: int = Field(ge=0, le=100, description="100 minus the findings' costs.")
    fields: Fields
    actors: list[Actor]
    stats: Stats
    findings: list[Finding]
    not_checkable: list[str] = Field(
        description="Rules the input cannot show (images, links, embeds in plain text): not passed."
    )


class Edit(Closed):
    field: FieldName = Field(description="Field of `fields` the edit is in.")
    start: Count = Field(description="0-based code point offset into the field.")
    end: Count = Field(description="Exclusive end; start == end inserts.")
    replacement: str = Field(description="The text that replaces `fields[field][start:end]`.")
    safety: Literal[EDIT_SAFETIES] = Field(  # type: ignore[valid-type]
        description="safe: meaning-preserving and grammatical, applied by the draft and by Apply all; "
        "needs-review: an editor decides."
    )
    rule: str | None = Field(description="The rule whose finding the edit fixes.")
    note: str = Field(description="What the edit does.")


class RewriteResponse(Report):
    """The report plus the suggested draft and the edits that make it."""

    draft: str = Field(description="The suggested draft as Markdown: every safe edit applied.")
    suggested_fields: dict[str, str] = Field(description="Each field with its safe edits applied.")
    role_noun: str = Field(description="The one noun that stands for the perpetrator in this draft.")
    edits: list[Edit] = Field(
        description="Every planned edit, in text order; none overlap, and each reads right applied alone, so any "
        "subset can be applied by offset (from the end of each field backwards)."
    )


class Reference(Closed):
    title: str
    url: str


class Rule(Closed):
    id: str
    title: str
    category: str
    severity: Severity
    display_severity: Severity | None
    status: Literal[STATUSES]  # type: ignore[valid-type]
    message: str
    advice: str
    rationale: str
    references: list[Reference]


class Profile(Closed):
    name: ProfileName
    description: str
    body_names: Count
    default: bool


class RulesResponse(Closed):
    schema_: Literal["nofame.rules/v1"] = Field(alias="schema")
    nofame_version: str
    rules: list[Rule]
    profiles: list[Profile]


class Health(Closed):
    status: Literal["ok"]
    version: str
    rules: int = Field(ge=1)


class ErrorBody(Closed):
    code: Literal[ERROR_CODES]  # type: ignore[valid-type]
    message: str


class Error(Closed):
    """Every error, with any status."""

    error: ErrorBody
