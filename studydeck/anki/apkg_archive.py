"""An Anki package checked as an archive, before Anki's importer is handed it.

Anki unpacks the package to disk while importing: the collection and media are zstd frames
that it decompresses there. So member paths must stay inside, and what it will write, zip
members plus what each zstd member decompresses to (bounded from its block headers, see
:mod:`studydeck.anki.zstd_size`), must stay under :data:`MAX_UNPACKED_BYTES`.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from studydeck.anki.zstd_size import TooLarge, ZstdFormatError, decompressed_bound, is_zstd
from studydeck.errors import StudydeckError

# A package that unpacks (zip members, zstd frames decompressed) to more than this is refused.
MAX_UNPACKED_BYTES = 2 << 30
COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")


def check_archive(path: Path) -> None:
    """Refuse anything that is not a plausible, safe Anki package, with a one-line reason."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            for info in infos:
                name = PurePosixPath(info.filename.replace("\\", "/"))
                if name.is_absolute() or ".." in name.parts or ":" in info.filename:
                    raise StudydeckError(
                        f"{path}: refusing an unsafe path in the package: {info.filename!r}"
                    )
            if not any(info.filename in COLLECTION_NAMES for info in infos):
                raise StudydeckError(f"{path}: not an Anki package (no collection inside)")
            _check_unpacked_size(path, archive, infos)
    except FileNotFoundError:
        raise StudydeckError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise StudydeckError(f"{path}: not an Anki package (not a zip file: {exc})") from None


def _check_unpacked_size(path: Path, archive: zipfile.ZipFile, infos: list) -> None:
    """What Anki will write while importing: each member's size, and for zstd members
    (collection, media) what they decompress to, bounded from their block headers."""
    limit = MAX_UNPACKED_BYTES
    total = 0
    too_large = StudydeckError(
        f"{path}: refusing a package that unpacks to more than {_size(limit)}; nothing was written"
    )
    for info in infos:
        total += info.file_size
        if total > limit:
            raise too_large
        with archive.open(info) as member:
            if not is_zstd(member.read(4)):
                continue
        with archive.open(info) as member:
            try:
                total += decompressed_bound(member, limit - total)
            except TooLarge:
                raise too_large from None
            except ZstdFormatError as exc:
                raise StudydeckError(
                    f"{path}: not a readable Anki package ({info.filename}: {exc})"
                ) from None


def _size(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "KiB", "MiB"):
        if value < 1024:
            return f"{value:g} {unit}"
        value /= 1024
    return f"{value:g} GiB"
