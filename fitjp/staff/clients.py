"""Which client is signing in to the staff app: the key fitjp/staff/throttle.py counts wrong
passwords under. Pure: the caller passes what st.context says about the connection.

The direct peer's address is the client, unless the peer is this machine (loopback): then
the app is behind a proxy on the same host (deploy/'s nginx listens on 127.0.0.1), and the
proxy says who its client was. X-Forwarded-For is read from the right: nginx's
`$proxy_add_x_forwarded_for` appends the address it saw, so the last entry is the one the
proxy vouches for, while anything to its left was sent by the client and may be made up.
X-Real-IP, which a proxy sets rather than appends, is read when there is no X-Forwarded-For.
These headers are never believed from a peer that is not loopback: anybody can send them.
An IPv6 client is counted by its /64 network, the block one subscriber usually holds, so a
guesser cannot take a fresh address for every try. With no proxy header from a loopback peer
(the app opened on the server itself, or through an SSH tunnel), every such client is one:
LOCAL."""

from __future__ import annotations

import ipaddress
from typing import Callable

LOCAL = "local"
UNKNOWN = "unknown"


def client_key(peer: str | None, header: Callable[[str], list[str]]) -> str:
    """The client's key. `peer` is st.context.ip_address (None when the peer is loopback, as
    Streamlit reports it); `header(name)` gives every value of a request header
    (st.context.headers.get_all)."""
    direct = _address(peer) if peer else None
    if peer and direct is None:
        return UNKNOWN  # Streamlit gave something that is not an address: one bucket for all such
    if direct is not None and not direct.is_loopback:
        return _key(direct)
    forwarded = [part.strip() for value in header("X-Forwarded-For") for part in value.split(",")]
    for candidate in reversed([part for part in forwarded if part]):
        address = _address(candidate)
        return _key(address) if address is not None else UNKNOWN  # the proxy's own entry, or nothing
    for value in reversed(header("X-Real-IP")):
        address = _address(value.strip())
        return _key(address) if address is not None else UNKNOWN
    return LOCAL


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # ::ffff:203.0.113.5 is 203.0.113.5
    return address


def _key(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)
