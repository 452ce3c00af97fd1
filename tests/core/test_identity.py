"""Identity rules in one place: targets, the write guard, pairing, the keyring, old entries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kexplore.core.history.entry import HistoryEntry, entry_from_table, entry_to_table
from kexplore.core.history.resend import ResendRefused, plan_resend, recorded_identity
from kexplore.core.http.identity import (
    CUSTOM_HEADER,
    SANDBOX,
    Identity,
    Site,
    Targets,
    describe_credential,
    is_credential_ref,
)
from kexplore.core.http.keyring import CredentialError, Keyring

SANDBOX_ORIGIN = "http://127.0.0.1:8787"
ACME = "https://acme.api.kustomerapp.com"


def targets(home_is_sandbox: bool = True) -> Targets:
    acme = Site("acme", ACME, "env:ACME_KEY")
    sandbox = Site("sandbox", SANDBOX_ORIGIN, "role:admin", confirm_writes=False)
    home = sandbox if home_is_sandbox else acme
    return Targets.of(home, [acme], SANDBOX_ORIGIN)


def keyring() -> Keyring:
    return Keyring(
        {
            "env:ACME_KEY": (ACME, "acme-secret"),
            "role:admin": (SANDBOX_ORIGIN, "sandbox-admin-key"),
            "role:read": (SANDBOX_ORIGIN, "sandbox-read-key"),
        }
    )


class TestTargets:
    def test_the_running_sandbox_is_symbolic(self) -> None:
        assert targets().target_of(SANDBOX_ORIGIN + "/v1/x") == SANDBOX
        assert targets().target_of("http://127.0.0.1:9999/v1/x") == "http://127.0.0.1:9999"

    def test_identity_from_the_owner_of_the_origin(self) -> None:
        t = targets()
        assert t.identity_for(ACME + "/v1/x", custom_auth=False) == Identity(
            "acme", ACME, "env:ACME_KEY"
        )
        assert t.identity_for("https://x.test/a", custom_auth=False).credential == "none"
        assert t.identity_for(ACME + "/v1", custom_auth=True).credential == CUSTOM_HEADER
        recorded = t.identity_for(SANDBOX_ORIGIN, custom_auth=False, credential="role:read")
        assert recorded == Identity("sandbox", SANDBOX, "role:read")

    @pytest.mark.parametrize(
        ("method", "url", "asks"),
        [
            ("DELETE", SANDBOX_ORIGIN + "/v1/c/1", False),
            ("DELETE", "http://127.0.0.1:9999/v1/c/1", True),  # sandbox mode, other origin
            ("POST", ACME + "/v1/c", True),
            ("GET", ACME + "/v1/c", False),
            ("patch", "https://x.test/", True),
        ],
    )
    def test_writes_are_confirmed_per_target(self, method: str, url: str, asks: bool) -> None:
        assert targets().confirms_write(method, url) is asks

    def test_a_profile_may_turn_confirmation_off_for_its_own_origin(self) -> None:
        calm = Site("acme", ACME, "env:ACME_KEY", confirm_writes=False)
        t = Targets.of(calm, [], None)
        assert not t.confirms_write("DELETE", ACME + "/v1/c/1")
        assert t.confirms_write("DELETE", "https://other.test/v1/c/1")

    def test_pairing(self) -> None:
        t = targets()
        assert t.credential_pairs("env:ACME_KEY", ACME)
        assert not t.credential_pairs("env:ACME_KEY", "https://evil.test")
        assert not t.credential_pairs("role:admin", ACME)
        assert t.credential_pairs("role:read", SANDBOX)
        assert t.credential_pairs("none", "https://evil.test")


class TestKeyring:
    def test_a_key_only_to_its_origin(self) -> None:
        ring = keyring()
        assert ring.secret_for("env:ACME_KEY", ACME) == "acme-secret"
        with pytest.raises(CredentialError, match="belongs to"):
            ring.secret_for("env:ACME_KEY", "https://evil.test")
        with pytest.raises(CredentialError, match=r"\$OTHER is not set"):
            ring.secret_for("env:OTHER", ACME)
        assert ring.secret_for("none", "https://evil.test") is None

    def test_withheld_secrets(self) -> None:
        assert keyring().withheld_from(ACME) == ["sandbox-admin-key", "sandbox-read-key"]

    def test_stand_ins_only_for_their_origins(self) -> None:
        ring = Keyring(stand_ins={"env:TMP": (frozenset({ACME}), "tmp")})
        assert ring.secret_for("env:TMP", ACME) == "tmp"
        with pytest.raises(CredentialError):
            ring.secret_for("env:TMP", "https://evil.test")


class TestReferences:
    @pytest.mark.parametrize("ref", ["env:A_B", "role:admin", "role:read", "none", CUSTOM_HEADER])
    def test_valid(self, ref: str) -> None:
        assert is_credential_ref(ref)

    @pytest.mark.parametrize("ref", ["sandbox-admin-key", "env:", "env:1X", "role:root", ""])
    def test_invalid(self, ref: str) -> None:
        assert not is_credential_ref(ref)

    def test_descriptions_never_hold_keys(self) -> None:
        assert describe_credential("env:ACME_KEY") == "$ACME_KEY"
        assert describe_credential("role:read") == "read key"
        assert describe_credential("none") == "no key"


def entry(**fields: object) -> HistoryEntry:
    base = {"id": "1", "at": datetime(2026, 1, 1, tzinfo=UTC), "profile": "sandbox"}
    return HistoryEntry(**{**base, "method": "GET", "url": "/v1/x", **fields})  # type: ignore[arg-type]


class TestOldFiles:
    def test_a_file_in_the_shape_before_identity_still_loads(self) -> None:
        old = {
            "id": "20261127T053940.123Z-3f9a1c",
            "profile": "sandbox",
            "method": "DELETE",
            "url": "http://127.0.0.1:33785/v1/customers/1",
            "headers": {"Authorization": "<redacted>"},
            "body": "",
        }
        loaded = entry_from_table(old)
        assert loaded.target is None and loaded.credential is None
        assert recorded_identity(loaded) == Identity("sandbox", SANDBOX, CUSTOM_HEADER)
        with pytest.raises(ResendRefused, match="own Authorization header") as refused:
            plan_resend(loaded, targets(), keyring())
        assert refused.value.needs_credential

    def test_an_old_loopback_entry_under_sandbox_means_the_running_sandbox(self) -> None:
        old = entry(url="http://127.0.0.1:33785/v1/customers?page=2")
        resend = plan_resend(old, targets(), keyring())
        assert resend.request.url == SANDBOX_ORIGIN + "/v1/customers?page=2"
        assert resend.identity == Identity("sandbox", SANDBOX, "role:admin")

    def test_an_old_entry_elsewhere_gets_its_targets_own_credential(self) -> None:
        old = entry(profile="acme", url=ACME + "/v1/customers")
        resend = plan_resend(old, targets(home_is_sandbox=False), keyring())
        assert resend.request.credential == "env:ACME_KEY"


class TestRoundTrip:
    def test_target_and_credential_are_written_and_read(self) -> None:
        written = entry(target=SANDBOX, credential="role:read")
        table = entry_to_table(written)
        assert (table["target"], table["credential"]) == (SANDBOX, "role:read")
        assert entry_from_table(table) == written

    def test_a_key_in_the_credential_field_is_refused(self) -> None:
        from kexplore.core.history.entry import EntryError

        table = entry_to_table(entry(target=SANDBOX, credential="role:read"))
        with pytest.raises(EntryError, match="never a key"):
            entry_from_table({**table, "credential": "sandbox-admin-key"})

    def test_a_sandbox_entry_without_a_running_sandbox_is_refused(self) -> None:
        no_sandbox = Targets.of(Site("acme", ACME, "env:ACME_KEY"), [], None)
        with pytest.raises(ResendRefused, match="replay with --sandbox"):
            plan_resend(entry(target=SANDBOX, credential="role:admin"), no_sandbox, keyring())


def test_an_entry_with_a_key_as_credential_is_skipped_and_the_rest_loads(tmp_path) -> None:
    from kexplore.core.history.store import HistoryStore

    path = tmp_path / "h.toml"
    good = '[[entry]]\nid = "a"\nprofile = "p"\nmethod = "GET"\nurl = "https://h.test/x"\n'
    bad = good.replace('id = "a"', 'id = "b"') + 'credential = "sk-live-123"\n'
    path.write_text(good + "\n" + bad)
    store = HistoryStore(path)
    assert [e.id for e in store.load()] == ["a"]
    assert any("never a key" in warning for warning in store.warnings)
