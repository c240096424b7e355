# Results kept between builds: work whose answer depends only on bytes known beforehand (a policy
# file validated against its schemas, a zone's VTIMEZONE over a horizon), so that a build of
# unchanged files does not do it again.
#
# An entry is found by a hash of its key and of the portal's own version (every file of this
# package: code, schemas, catalogs), so nothing is trusted across versions of the portal. Kept in
# memory for the process, and on disk in the folder given to use() (the project's .cache/, which
# git ignores) when that folder can be written; a folder that is a link (or in one), or any error reading or
# writing it, only means the work is done again. Entries are small files written whole
# (a temporary file renamed into place), so two builds at once never read half an entry.
#
# An entry's file name is an HMAC of its key under a secret of this machine's user, kept outside
# the project ($XDG_CACHE_HOME or ~/.cache, supportportal-secret): entries committed to a
# repository or copied from elsewhere (a "valid" result for a file with mistakes, a forged zone
# definition) are never found. Without a secret there, nothing is kept on disk. Every entry carries
# an HMAC of its content as well: a file of the folder overwritten in place (or half written) is
# never read as an entry, and an entry is read back as objects (the policy's model) only so.

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
import stat
import time
import zoneinfo
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Bytes; a larger file in the folder is not an entry of this module (a calendar of 200 regions
# over 20 years is 6 MB).
MAX_ENTRY = 32 << 20

_memory: dict = {}
_folder: Path | None = None


# Keep entries on disk under `folder` from now on (None: in memory only). Entries not read for
# KEEP_DAYS are deleted, at most once a day: the folder holds what recent builds used.
# The entries kept in memory are dropped when a build starts with more than MEMORY_LIMIT bytes of
# them (a preview runs for hours, each edit adding the pages it changed).
def use(folder: Path | None) -> None:
    global _folder
    _folder = folder
    if sum(map(len, _memory.values())) > MEMORY_LIMIT:
        _memory.clear()
    if folder is not None:
        _prune(folder)


MEMORY_LIMIT = 64 << 20


KEEP_DAYS = 30
# An entry's file, or one being written (.name.pid.random).
_ENTRY = re.compile(r"\.?[0-9a-f]{64}(\.[0-9]+\.[0-9a-f]{8})?")


def _prune(folder: Path) -> None:
    now = time.time()
    marker = folder / ".pruned"
    try:
        if any(os.path.islink(f) for f in (folder.parent, folder)) or not os.path.isdir(folder):
            return
        try:
            if now - os.lstat(marker).st_mtime < 86400:
                return
        except FileNotFoundError:
            pass
        for entry in os.scandir(folder):
            if (_ENTRY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < now - KEEP_DAYS * 86400):
                os.unlink(entry.path)
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | _NO_WAIT, 0o644))
        os.utime(marker, follow_symlinks=False)
    except OSError:  # another build pruning at the same time, or a folder we cannot write
        return


# The bytes stored under `key` (a tuple of strings), or None. An entry's file holds an HMAC of its
# name and content under the machine's secret too, checked here: a file changed in place (or
# half written), even into another entry, is not read.
def get(key: tuple) -> bytes | None:
    name = _name(key)
    if name in _memory:
        return _memory[name]
    path = _path(name)
    if path is None:
        return None
    try:
        with _read_regular(path) as handle:
            data = handle.read(MAX_ENTRY + 1)
    except OSError:
        return None
    if len(data) > MAX_ENTRY:
        return None
    try:
        os.utime(path, follow_symlinks=False)  # used: kept by _prune
    except OSError:
        pass
    mac, data = data[:32], data[32:]
    if not hmac.compare_digest(mac, _mac(name, data)):
        return None
    _memory[name] = data
    return data


def put(key: tuple, data: bytes) -> None:
    name = _name(key)
    _memory[name] = data
    path = _path(name, create=True)
    if path is None or len(data) > MAX_ENTRY - 32:
        return
    data = _mac(name, data) + data
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


# The HMAC of an entry (only called with a secret: _path gave a file).
def _mac(name: str, data: bytes) -> bytes:
    return hmac.new(_secret(), b"entry\0" + name.encode("ascii") + b"\0" + data, hashlib.sha256).digest()


# A hash of a zone's data where zoneinfo finds it (the system's files, else the tzdata package):
# part of the key of every result computed from the zone's rules.
@functools.cache
def zone_data(zone: str) -> str:
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, zone)
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
    try:
        from importlib import resources

        return hashlib.sha256(resources.files("tzdata.zoneinfo").joinpath(*zone.split("/")).read_bytes()).hexdigest()
    except Exception:
        return "unknown"


# A hash of every file of this package: the portal's version as far as results are concerned.
# Taken when this module is imported, with the package's other modules (a file edited during a
# build does not lend its version to the results of the code loaded before).
def portal_version() -> str:
    return _VERSION


def _package_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_VERSION = _package_hash()


def _name(key: tuple) -> str:
    return hashlib.sha256(json.dumps([portal_version(), *key]).encode("utf-8")).hexdigest()


# Opening a file here never follows a link and never waits (on a pipe put in the folder's place).
_NO_WAIT = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


# A regular file opened for reading, else OSError (a pipe, a device, a folder, a link).
def _read_regular(path):
    fd = os.open(path, os.O_RDONLY | _NO_WAIT)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# The machine's secret (32 random bytes, made on first use, readable by its user only), or None.
@functools.cache
def _secret() -> bytes | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "supportportal-secret")
    for _ in range(2):
        try:
            with _read_regular(path) as handle:
                secret = handle.read(64)
            return secret if len(secret) == 32 else None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            os.makedirs(base, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(32))
        except FileExistsError:  # another build made it first: read it
            continue
        except OSError:
            return None
    return None


# The file of an entry, or None without a usable folder (missing, not a folder, or a link).
def _path(name: str, create: bool = False) -> Path | None:
    folder = _folder
    secret = _secret() if folder is not None else None
    if secret is None:
        return None
    try:
        if any(os.path.islink(f) for f in (folder.parent, folder)):
            return None
        if create and not os.path.lexists(folder):
            os.makedirs(folder, exist_ok=True)
        if os.path.islink(folder) or not os.path.isdir(folder):
            return None
    except OSError:
        return None
    return folder / hmac.new(secret, name.encode("ascii"), hashlib.sha256).hexdigest()
