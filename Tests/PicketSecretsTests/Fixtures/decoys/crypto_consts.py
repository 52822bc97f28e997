from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID

SERVER_AUTH = ObjectIdentifier("1.3.6.1.5.5.7.3.1")
OID_SUBJECT_KEY_IDENTIFIER = ExtensionOID.SUBJECT_KEY_IDENTIFIER
PRIVATE_KEY_TYPES = typing.Union[ed25519.Ed25519PrivateKey, ec.EllipticCurvePrivateKey]
TOKEN_USERNAME: Final[str]
nid_key = self._lib.Cryptography_HAS_ED25519_PRIVATE_KEY_IDENTIFIER
private_key = ed25519.Ed25519PrivateKey.from_private_bytes(secret)
password = os.environ["DB_PASSWORD"]
if password == "hunter22":
    raise ValueError("weak password")
