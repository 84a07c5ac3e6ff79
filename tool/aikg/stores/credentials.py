"""Store credentials: from the environment or a netrc file, never from argv.

A password on the command line is visible to every user of the machine
(``ps``) and lands in shell histories; aikg reads ``AIKG_STORE_USER`` and
``AIKG_STORE_PASSWORD``, or the host's entry of a netrc file.
"""

from __future__ import annotations

import ipaddress
import netrc
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aikg.errors import UsageError

USER_VARIABLE = "AIKG_STORE_USER"


PASSWORD_VARIABLE = "AIKG_STORE_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    origin: str  # where they came from, for messages (never the values)

    def __repr__(self) -> str:  # keep the password out of tracebacks and logs
        return f"Credentials(user={self.user!r}, origin={self.origin!r})"


def find_credentials(url: str, netrc_file: str | None = None) -> Credentials | None:
    """The credentials for ``url``: environment first, then ``netrc_file`` (or ~/.netrc)."""
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if user or password:
        if not (user and password):
            raise UsageError(f"set both {USER_VARIABLE} and {PASSWORD_VARIABLE}, or neither")
        return Credentials(user, password, f"${USER_VARIABLE}/${PASSWORD_VARIABLE}")
    path = Path(netrc_file).expanduser() if netrc_file else Path("~/.netrc").expanduser()
    if not path.is_file():
        if netrc_file:
            raise UsageError(f"--netrc {netrc_file}: no such file")
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(urlsplit(url).hostname or "")
    except (netrc.NetrcParseError, OSError) as exc:
        raise UsageError(f"{path}: cannot read the netrc file: {exc}") from None
    if not entry:
        return None
    login, _account, password = entry
    return Credentials(login or "", password or "", str(path))


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refuse_plain_http(url: str, credentials: Credentials | None, allow: bool) -> None:
    """Credentials go over plain HTTP only to this machine, unless explicitly allowed."""
    if credentials and url.startswith("http://") and not is_loopback(url) and not allow:
        raise UsageError(
            f"refusing to send credentials ({credentials.origin}) over plain HTTP to {urlsplit(url).hostname}",
            hint="use https://, or pass --insecure-auth if the network is trusted",
        )
