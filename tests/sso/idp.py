"""A test Entree: a SAML identity provider from pysaml2's own IdP classes, with a key and certificate made at test
time (cryptography), issuing Entree-shaped assertions (uid, eduPersonAffiliation, nlEduPersonHomeOrganizationId,
schacHomeOrganization) to our service provider. Offline: metadata is exchanged as strings."""

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_TRANSIENT
from saml2.server import Server

from accounts.sso.saml import sp_config

IDP_ID = "https://test-entree.example/saml/idp"
SITE = "https://mdem.example"
SP_ID = SITE + "/inloggen/school/metadata/"  # as accounts/sso/views.py derives them from SSO_SITE_URL
ACS = SITE + "/inloggen/school/acs/"


def key_and_cert(folder: Path, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


@dataclass
class TestEntree:
    server: Server
    sp: object  # SPConfig
    metadata_file: str  # the IdP's metadata, for SSO_ENTREE_METADATA
    sp_id: str = SP_ID
    acs: str = ACS

    def response(self, *, attributes: dict, in_response_to: str | None, audience: str = "", signed: bool = True) -> str:
        audience = audience or self.sp_id
        xml = self.server.create_authn_response(
            identity=attributes,
            in_response_to=in_response_to,
            destination=self.acs,
            sp_entity_id=audience,
            name_id=self.server.ident.transient_nameid(audience, "someone"),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
            sign_assertion=signed,
            sign_response=False,
        )
        return str(xml)


def make_entree(folder: Path | None = None, site: str = SITE) -> TestEntree:
    sp_id, acs = site + "/inloggen/school/metadata/", site + "/inloggen/school/acs/"
    folder = folder or Path(tempfile.mkdtemp(prefix="test-entree-"))
    key, cert = key_and_cert(folder, "idp")
    idp_config = IdPConfig()
    idp_settings = {
        "entityid": IDP_ID,
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "key_file": key,
        "cert_file": cert,
        "service": {
            "idp": {
                "name": "Test Entree",
                "endpoints": {"single_sign_on_service": [(IDP_ID + "/sso", BINDING_HTTP_REDIRECT)]},
                "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}},
            }
        },
    }
    idp_config.load(dict(idp_settings))
    idp_metadata = create_metadata_string(None, config=idp_config, valid=24)
    if isinstance(idp_metadata, bytes):
        idp_metadata = idp_metadata.decode()
    metadata_file = folder / "idp-metadata.xml"
    metadata_file.write_text(idp_metadata, encoding="utf-8")
    sp = sp_config(entity_id=sp_id, acs_url=acs, idp_metadata=idp_metadata)
    sp_metadata = create_metadata_string(None, config=sp, valid=24)
    if isinstance(sp_metadata, bytes):
        sp_metadata = sp_metadata.decode()
    idp_config = IdPConfig()
    idp_config.load({**idp_settings, "metadata": {"inline": [sp_metadata]}})
    return TestEntree(server=Server(config=idp_config), sp=sp, metadata_file=str(metadata_file), sp_id=sp_id, acs=acs)


def entree_attributes(*, uid="a1b2c3-pseudo", affiliation="student", brin="12AB"):
    attributes = {"uid": [uid], "nlEduPersonHomeOrganizationId": [brin], "schacHomeOrganization": ["school.example"]}
    if affiliation:
        attributes["eduPersonAffiliation"] = [affiliation]
    return attributes


__all__ = ["BINDING_HTTP_POST", "make_entree", "entree_attributes"]
