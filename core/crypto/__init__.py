"""Cryptography of the agency: password and token hashing now; keyring, field cipher, blind indexes next."""
