"""HTTP Content-Encoding (gzip, deflate, br) decoded in bounded steps.

The byte cap applies to the decoded size: a small compressed body that would expand past the cap (a
decompression bomb) is refused as soon as the cap is crossed, without ever holding more than the cap
plus one step of output. Used by the fetcher and by the WARC reader, so both accept the same encodings.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Protocol

from nofame.errors import InputError

try:  # brotli is a dependency; guarded so a broken install names the encoding instead of crashing
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

_STEP = 65_536  # most decoded bytes produced per call into a decompressor
_ALIASES = {"x-gzip": "gzip", "x-deflate": "deflate"}


class DecodedTooLarge(InputError):
    """The decoded body is over the byte cap."""


class _Decoder(Protocol):
    def feed(self, data: bytes, room: int) -> bytes: ...

    def flush(self, room: int) -> bytes: ...


class _Zlib:
    """gzip (also several concatenated members) or deflate (zlib-wrapped, or raw as some servers send)."""

    def __init__(self, kind: str) -> None:
        self._kind = kind
        self._raw_fallback = kind == "deflate"
        self._obj = self._new()

    def _new(self) -> zlib._Decompress:
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self._kind == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        pending = data
        while pending and len(out) <= room:
            try:
                out += self._obj.decompress(pending, min(_STEP, room + 1 - len(out)) or 1)
            except zlib.error:
                if not self._raw_fallback:
                    raise InputError(f"the body is not valid {self._kind} data") from None
                self._raw_fallback = False  # "deflate" without the zlib wrapper: retry once as raw deflate
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._raw_fallback = False
            if self._obj.eof:
                pending = self._obj.unused_data
                if pending and self._kind == "gzip" and pending[:2] == b"\x1f\x8b":
                    self._obj = self._new()  # another gzip member follows
                else:
                    pending = b""  # trailing bytes after the stream are ignored, as browsers do
            else:
                pending = self._obj.unconsumed_tail
        return bytes(out)

    def flush(self, room: int) -> bytes:
        return self._obj.flush() if not self._obj.eof else b""


class _Brotli:
    def __init__(self) -> None:
        if brotli is None:  # pragma: no cover
            raise InputError("the body is brotli-compressed (br) and the brotli package is not installed")
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        try:
            out += self._obj.process(data, output_buffer_limit=min(_STEP, room + 1))
            while not self._obj.can_accept_more_data() and len(out) <= room:
                out += self._obj.process(b"", output_buffer_limit=min(_STEP, room + 1 - len(out)) or 1)
        except brotli.error:
            raise InputError("the body is not valid brotli (br) data") from None
        return bytes(out)

    def flush(self, room: int) -> bytes:
        return b""


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        return data

    def flush(self, room: int) -> bytes:
        return b""


def parse_encodings(header: str) -> tuple[str, ...]:
    """Content-Encoding tokens in the order they were applied; identity dropped; InputError if unknown."""
    tokens = [_ALIASES.get(t.strip().lower(), t.strip().lower()) for t in header.split(",") if t.strip()]
    tokens = [t for t in tokens if t != "identity"]
    unknown = [t for t in tokens if t not in ("gzip", "deflate", "br")]
    if unknown:
        raise InputError(f"unsupported content encoding {unknown[0]!r} (gzip, deflate and br are read)")
    if len(tokens) > 2:
        raise InputError(f"too many content encodings ({', '.join(tokens)})")
    return tuple(tokens)


def _decoder(kind: str) -> _Decoder:
    return _Brotli() if kind == "br" else _Zlib(kind)


class BodyDecoder:
    """Feed raw chunks, get decoded bytes; DecodedTooLarge once the decoded total passes max_bytes."""

    def __init__(self, content_encoding: str, max_bytes: int) -> None:
        encodings = parse_encodings(content_encoding)
        # Decoded in the reverse of the order they were applied.
        self._chain: list[_Decoder] = [_decoder(kind) for kind in reversed(encodings)] or [_Identity()]
        self.encodings = encodings
        self.max_bytes = max_bytes
        self.size = 0

    def feed(self, chunk: bytes) -> bytes:
        return self._run(chunk, final=False)

    def finish(self) -> bytes:
        return self._run(b"", final=True)

    def _run(self, data: bytes, *, final: bool) -> bytes:
        room = self.max_bytes - self.size
        for decoder in self._chain:
            data = decoder.feed(data, room)
            if final:
                data += decoder.flush(room)
            # Every stage is held to the cap: a stage that stopped early has passed it and is refused.
            if len(data) > room:
                self._refuse()
        self.size += len(data)
        return data

    def _refuse(self) -> None:
        shown = f" ({' + '.join(self.encodings)}-compressed)" if self.encodings else ""
        raise DecodedTooLarge(f"the body{shown} decodes to more than the {self.max_bytes}-byte limit")


def decode_body(chunks: Iterable[bytes], content_encoding: str, max_bytes: int) -> bytes:
    """All of a body's chunks decoded, within max_bytes of decoded output."""
    decoder = BodyDecoder(content_encoding, max_bytes)
    body = bytearray()
    for chunk in chunks:
        body += decoder.feed(chunk)
    body += decoder.finish()
    return bytes(body)
