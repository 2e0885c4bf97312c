"""A test Microsoft: a small OpenID Connect provider on 127.0.0.1, in a thread, with an RSA key made at test time.

It serves Microsoft's URL layout under an authority (`<base>/organizations`): the discovery document, the JWKS,
the authorize endpoint (which signs the user in at once and sends the browser back with a code) and the token
endpoint (which checks the client secret, the redirect URI and the PKCE verifier, and answers an ID token signed
with PyJWT). What the next sign-in looks like is set on `provider.next`: the user (tid, oid) and, for the bad
cases, a wrong audience, an expiry in the past, another key, another nonce. Offline: nothing leaves the machine.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "11111111-2222-3333-4444-555555555555"
CLIENT_SECRET = "test-client-secret"
SCHOOL_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"
OTHER_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
KEY_ID = "test-key-1"


@dataclass
class NextSignIn:
    """The sign-in the provider gives next; the fields after `oid` spoil it on purpose."""

    tid: str = SCHOOL_TENANT
    oid: str = "00000000-0000-0000-66f3-3332eca7ea81"
    audience: str = ""  # "" = the client's id
    expires_in: int = 3600  # negative: already expired
    foreign_key: bool = False  # signed with a key that is not in the JWKS (same key id)
    nonce: str | None = None  # None = the nonce of the request
    issuer: str = ""  # "" = Microsoft's issuer for the tid


@dataclass
class Provider:
    base: str  # http://127.0.0.1:<port>
    key: rsa.RSAPrivateKey
    other_key: rsa.RSAPrivateKey
    next: NextSignIn = field(default_factory=NextSignIn)
    codes: dict = field(default_factory=dict)
    tokens_issued: int = 0

    @property
    def authority(self) -> str:
        return self.base + "/organizations"

    def id_token(self, *, nonce: str) -> str:
        spec, now = self.next, int(time.time())
        claims = {
            "aud": spec.audience or CLIENT_ID,
            "iss": spec.issuer or f"{self.base}/{spec.tid}/v2.0",
            "iat": now - 5 + min(spec.expires_in, 0) * 2,
            "nbf": now - 5 + min(spec.expires_in, 0) * 2,
            "exp": now + spec.expires_in,
            "tid": spec.tid,
            "oid": spec.oid,
            "sub": "pairwise-" + spec.oid,
            "name": "Mevrouw De Vries",
            "preferred_username": "devries@school.example",
            "nonce": spec.nonce if spec.nonce is not None else nonce,
            "ver": "2.0",
        }
        key = self.other_key if spec.foreign_key else self.key
        self.tokens_issued += 1
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def configuration(self) -> dict:
        return {
            "issuer": self.base + "/{tenantid}/v2.0",
            "authorization_endpoint": self.authority + "/oauth2/v2.0/authorize",
            "token_endpoint": self.authority + "/oauth2/v2.0/token",
            "jwks_uri": self.authority + "/discovery/v2.0/keys",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict) -> tuple[int, dict, bytes]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, b"unknown client"
        code = secrets.token_urlsafe(16)
        self.codes[code] = query
        back = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
        return 302, {"Location": back}, b""

    def token(self, form: dict) -> tuple[int, dict, bytes]:
        asked = self.codes.pop(form.get("code", ""), None)  # a code works once
        if asked is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 400, {}, b'{"error": "invalid_grant"}'
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if form.get("redirect_uri") != asked["redirect_uri"] or challenge != asked.get("code_challenge"):
            return 400, {}, b'{"error": "invalid_grant"}'
        body = {"token_type": "Bearer", "expires_in": 3600, "access_token": secrets.token_urlsafe(24)}
        body["id_token"] = self.id_token(nonce=asked.get("nonce", ""))
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def route(self, method: str, path: str, query: dict, form: dict) -> tuple[int, dict, bytes]:
        json_headers = {"Content-Type": "application/json"}
        if method == "GET" and path.endswith("/v2.0/.well-known/openid-configuration"):
            return 200, json_headers, json.dumps(self.configuration()).encode()
        if method == "GET" and path == "/organizations/discovery/v2.0/keys":
            return 200, json_headers, json.dumps(self.jwks()).encode()
        if method == "GET" and path == "/organizations/oauth2/v2.0/authorize":
            return self.authorize(query)
        if method == "POST" and path == "/organizations/oauth2/v2.0/token":
            return self.token(form)
        return 404, {}, b"not found"


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            flat = lambda raw: {k: v[0] for k, v in parse_qs(raw).items()}  # noqa: E731
            status, headers, content = provider.route(method, parts.path, flat(parts.query), flat(body))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def do_GET(self):  # noqa: N802
            self._answer("GET")

        def do_POST(self):  # noqa: N802
            self._answer("POST")

        def log_message(self, *args):
            pass

    return Handler


def start_provider() -> tuple[Provider, ThreadingHTTPServer]:
    """A provider on a free port of 127.0.0.1, serving from a daemon thread; call server.shutdown() after."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    provider = Provider(base=f"http://127.0.0.1:{server.server_address[1]}", key=key, other_key=other)
    server.RequestHandlerClass = _handler(provider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return provider, server


def microsoft_settings(settings, provider: Provider) -> None:
    """Point the site's Microsoft door at the test provider (pytest-django's `settings` fixture)."""
    settings.SSO_MICROSOFT_CLIENT_ID = CLIENT_ID
    settings.SSO_MICROSOFT_CLIENT_SECRET = CLIENT_SECRET
    settings.SSO_MICROSOFT_TENANTS = [SCHOOL_TENANT]
    settings.SSO_MICROSOFT_AUTHORITY = provider.authority
    settings.SSO_SUBJECT_SECRET = "m" * 40
