"""How large zstd data can become when decompressed, found without decompressing it.

Anki packages hold zstd frames (the collection, the media map, media files), and Anki's
importer decompresses them to disk. A frame's declared content size is optional and can lie,
so the bound is read from the block headers (RFC 8878 §3.1.1.2): a raw or RLE block
regenerates exactly its ``Block_Size`` bytes, and a compressed block at most
``Block_Maximum_Size`` = min(window size, 128 KiB); 128 KiB is counted for each, whatever the
window (libzstd refuses a block that decodes to more). Summing them over every frame bounds
what the decoder will write, whatever the frame header says.
"""

from __future__ import annotations

from typing import BinaryIO

ZSTD_MAGIC = 0xFD2FB528
_SKIPPABLE = range(0x184D2A50, 0x184D2A60)
BLOCK_MAX = 128 << 10


class ZstdFormatError(ValueError):
    """Data that starts like zstd but is not a well-formed frame."""


class TooLarge(ValueError):
    """The data may decompress to more than the limit given."""


def is_zstd(head: bytes) -> bool:
    return len(head) >= 4 and int.from_bytes(head[:4], "little") == ZSTD_MAGIC


def decompressed_bound(stream: BinaryIO, limit: int) -> int:
    """An upper bound on the decompressed size of the zstd frames in ``stream``.

    Raises :class:`TooLarge` as soon as the bound passes ``limit`` (so a bomb is not read to
    its end) and :class:`ZstdFormatError` for data that is not zstd frames.
    """
    total = 0
    while True:
        magic = stream.read(4)
        if not magic:
            return total
        if len(magic) < 4:
            raise ZstdFormatError("truncated frame")
        number = int.from_bytes(magic, "little")
        if number in _SKIPPABLE:
            _skip(stream, int.from_bytes(_read(stream, 4), "little"))
            continue
        if number != ZSTD_MAGIC:
            raise ZstdFormatError("not a zstd frame")
        total += _frame_bound(stream, limit - total)
        if total > limit:
            raise TooLarge(total)


def _frame_bound(stream: BinaryIO, budget: int) -> int:
    descriptor = _read(stream, 1)[0]
    fcs_flag, single_segment = descriptor >> 6, (descriptor >> 5) & 1
    if descriptor & 0x08:
        raise ZstdFormatError("reserved bit set in frame header")
    if not single_segment:
        _read(stream, 1)  # window descriptor
    _read(stream, (0, 1, 2, 4)[descriptor & 3])  # dictionary id
    fcs_size = (1 if single_segment else 0, 2, 4, 8)[fcs_flag]
    if fcs_size:
        declared = int.from_bytes(_read(stream, fcs_size), "little") + (256 if fcs_size == 2 else 0)
        if declared > budget:
            raise TooLarge(declared)
    total = 0
    last = False
    while not last:
        header = int.from_bytes(_read(stream, 3), "little")
        last, kind, size = bool(header & 1), (header >> 1) & 3, header >> 3
        if kind == 0:  # raw
            _skip(stream, size)
            total += size
        elif kind == 1:  # RLE: one byte, repeated
            _read(stream, 1)
            total += size
        elif kind == 2:  # compressed
            _skip(stream, size)
            total += BLOCK_MAX
        else:
            raise ZstdFormatError("reserved block type")
        if total > budget:
            raise TooLarge(total)
    if descriptor & 0x04:
        _read(stream, 4)  # content checksum
    return total


def _read(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise ZstdFormatError("truncated frame")
    return data


def _skip(stream: BinaryIO, size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            raise ZstdFormatError("truncated frame")
        size -= len(chunk)
