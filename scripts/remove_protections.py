"""Remove each protection once, in a throwaway copy of the tree, and check its test fails.

Not a test (pytest does not collect it). Usage, from the repository root:

    rm -rf /tmp/kx-mut && mkdir /tmp/kx-mut && git archive HEAD | tar -x -C /tmp/kx-mut
    .venv/bin/python scripts/remove_protections.py /tmp/kx-mut [INDEX ...]

Each line printed says CAUGHT (the named tests failed without the protection) or MISSED.
The copy is imported first (PYTHONPATH), so the checkout itself is never changed.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(sys.argv[1]).resolve()
R = "tests/reliability/"
M = [
    (
        "JsonView renders text inert",
        "kexplore/widgets/json_lines.py",
        "inert(",
        "str(",
        R
        + "test_terminal_safety.py::TestInertEverywhere::test_body_json "
        + R
        + "test_terminal_safety.py::TestInertEverywhere::test_body_plain_text_with_raw_escapes",
    ),
    (
        "headers table one_line",
        "kexplore/widgets/response_view.py",
        "Text(one_line(value, 500))",
        "Text(value)",
        R + "test_terminal_safety.py::TestInertEverywhere::test_response_headers_table",
    ),
    (
        "link list one_line",
        "kexplore/widgets/link_list.py",
        "Text(one_line(link.path, 200))",
        "Text(link.path)",
        R + "test_terminal_safety.py::TestInertEverywhere::test_links_list",
    ),
    (
        "error panel one_line (both layers)",
        ["kexplore/widgets/response_view.py", "kexplore/core/browse/documents.py"],
        ['text.append("\\n• " + one_line(line, 400))', 'return one_line(" · ".join(words), 300)'],
        ['text.append("\\n• " + line)', 'return " · ".join(words)'],
        R + "test_terminal_safety.py::TestInertEverywhere::test_error_panel",
    ),
    (
        "breadcrumb as Text, not markup",
        "kexplore/widgets/response_view.py",
        'text.append(names[part], marked if part == current else "")',
        "text.append(Text.from_markup(names[part]))",
        R + "test_terminal_safety.py::TestInertEverywhere::test_breadcrumb",
    ),
    (
        "history list one_line",
        "kexplore/widgets/history_list.py",
        "Text(one_line(where_shown(entry, who, self._home_target), 120))",
        "Text(where_shown(entry, who, self._home_target))",
        R + "test_terminal_safety.py::TestInertEverywhere::test_history_list",
    ),
    (
        "tree labels as Text, not markup",
        "kexplore/widgets/resource_tree.py",
        "label = Text(entry.label) if",
        "label = Text.from_markup(entry.label) if",
        R + "test_terminal_safety.py::TestInertEverywhere::"
        "test_tree_labels_and_breadcrumb_from_a_real_sandbox",
    ),
    (
        "Authorization only to own origin",
        "kexplore/core/http/outgoing.py",
        "    if secret:\n        defaults.append",
        "    if True:\n        defaults.append",
        R + "test_secrets.py::TestOtherOrigins",
    ),
    (
        "typed key headers dropped for other origins",
        "kexplore/core/http/outgoing.py",
        "if not any(key and key in value for key in withheld)",
        "if True",
        R + "test_secrets.py::TestOtherOrigins::"
        "test_the_client_never_sends_the_key_elsewhere_even_when_typed",
    ),
    (
        "key-bearing params dropped for other origins",
        "kexplore/core/http/client.py",
        "if any(key in unquote(url) for key in withheld):",
        "if False:",
        R + "test_secrets.py::TestOtherOrigins::"
        "test_query_params_holding_the_key_are_dropped_for_another_origin "
        + R
        + "test_secrets.py::TestASessionLeavesNoKey",
    ),
    (
        "to_curl drops credential params",
        "kexplore/core/http/curl.py",
        "        url = _without_secret_params(url, api_key)\n",
        "        pass\n",
        R
        + "test_secrets.py::test_curl_export_drops_query_params_that_carry_credentials "
        + R
        + "test_secrets.py::TestASessionLeavesNoKey",
    ),
    (
        "history/collection redact the key",
        "kexplore/app.py",
        "secrets = identity.keyring.values()",
        "secrets = []",
        R + "test_secrets.py::TestASessionLeavesNoKey",
    ),
    (
        "other-origin link asks first",
        "kexplore/screens/main.py",
        "        leaving = origin_text(url) != origin_text(self._document_url())",
        "        leaving = False",
        R + "test_secrets.py::TestOtherOrigins::"
        "test_a_link_to_another_origin_asks_then_goes_without_the_key",
    ),
    (
        "Trail frees parsed bodies",
        "kexplore/core/browse/trail.py",
        "current.response.forget_parsed()",
        "pass",
        R
        + "test_load.py::test_following_1000_links_keeps_the_trail_bounded "
        + R
        + "test_load.py::test_only_the_current_visit_keeps_its_parsed_body",
    ),
    (
        "Trail byte budget",
        "kexplore/core/browse/trail.py",
        "if total <= self.max_cached_bytes:",
        "if True:",
        R + "test_load.py::test_the_cap_counts_real_response_sizes",
    ),
    (
        "history append takes back a partial chunk",
        "kexplore/core/history/store.py",
        "os.ftruncate(fd, stat.st_size)  # take back a partial chunk (disk full)",
        "pass",
        R + "test_bad_input.py::test_a_full_disk_on_append_loses_no_earlier_entry",
    ),
    (
        "history write failure is a notification",
        "kexplore/screens/main.py",
        "except OSError as failure:",
        "except ZeroDivisionError as failure:",
        R
        + "test_bad_input.py::test_a_full_disk_in_the_app "
        + R
        + "test_bad_input.py::test_a_data_dir_that_refuses_writes",
    ),
    (
        "broken history turns history off",
        "kexplore/app.py",
        "except HistoryError as error:",
        "except ZeroDivisionError as error:",
        R + "test_bad_input.py::test_a_history_file_that_does_not_parse_turns_history_off",
    ),
    (
        "base URL: urlsplit errors become SettingsError",
        "kexplore/core/settings/base_url.py",
        "    except ValueError as exc:  # e.g. an unclosed IPv6 bracket\n",
        "    except ZeroDivisionError as exc:\n",
        R + "test_bad_input.py::test_the_cli_exits_2_on_a_bad_base_url",
    ),
    (
        "kind sniff survives bad JSON",
        "kexplore/core/http/response.py",
        "except (orjson.JSONDecodeError, RecursionError):",
        "except ZeroDivisionError:",
        R + "test_explorer_faults.py::test_every_fault_is_survived_explained_and_recovered_from",
    ),
    (
        "pretty falls back to text",
        "kexplore/core/body/pretty.py",
        "except (ValueError, TypeError, RecursionError) as exc:",
        "except ZeroDivisionError as exc:",
        R + "test_explorer_faults.py::test_huge_bodies_keep_the_ui_answering",
    ),
    (
        "notifications are inert plain text",
        "kexplore/app.py",
        "super().notify(lines, title=inert(title), severity=severity, timeout=timeout, "
        "markup=False)",
        "super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)",
        R
        + "test_terminal_safety.py::TestInertEverywhere::test_notification "
        + R
        + "test_terminal_safety.py::TestInertEverywhere::"
        "test_history_off_notification_with_markup_in_the_path",
    ),
    (
        "next/prev page to another origin asks first",
        "kexplore/screens/main.py",
        "self._follow(link)  # another origin asks first, as any link does",
        "self.send(follow_request(self._current_request(), link))",
        R + "test_secrets.py::TestOtherOrigins::test_next_page_on_another_origin_asks_first",
    ),
    (
        "a JSON-labelled body that does not parse is called out",
        "kexplore/widgets/response_view.py",
        'if response.kind == "text" and "json" in response.content_type:',
        "if False:",
        R + "test_explorer_faults.py::test_a_json_labelled_body_that_does_not_parse_is_called_out",
    ),
    (
        "duplicate keys are called out",
        "kexplore/widgets/response_view.py",
        "duplicate = response.duplicate_key()",
        "duplicate = None",
        R + "test_explorer_faults.py::test_duplicate_keys_are_not_silently_dropped",
    ),
    (
        "the tree says a page is not JSON",
        "kexplore/core/browse/documents.py",
        "    if not isinstance(document, dict):\n        kind = response.content_type",
        "    if False:\n        kind = response.content_type",
        R + "test_explorer_faults.py::test_the_tree_says_when_a_page_is_not_json",
    ),
    (
        "a cut inside a string is never taken for an array (pretty_slices)",
        "kexplore/core/body/pretty_slices.py",
        "    if text.count(b'\"') % 2:\n        return None\n",
        "",
        "tests/core/test_pretty_slices.py",
    ),
    (
        "a repeated key that drops a sliced array falls back to a whole parse",
        "kexplore/core/body/pretty_slices.py",
        "            return None  # a repeated key",
        "            continue  # a repeated key",
        "tests/core/test_pretty_slices.py",
    ),
    (
        "a finished worker does not keep the received body alive",
        "kexplore/widgets/json_view.py",
        'contents, self._contents = self._contents, (b"", None)',
        "contents = self._contents",
        "tests/ui/test_explorer.py::TestPreparedBodies",
    ),
    (
        "a big visit keeps its formatted text, not also the bytes received",
        "kexplore/screens/main.py",
        "            self._hold_big_body_once()",
        "            pass",
        "tests/ui/test_explorer.py::TestPreparedBodies",
    ),
    (
        "a credential is never substituted (a typed header is not replaced by the home key)",
        "kexplore/core/history/resend.py",
        "    if recorded.credential == CUSTOM_HEADER:\n        return CUSTOM_HEADER",
        "    if recorded.credential == CUSTOM_HEADER:\n        return targets.home.credential",
        "tests/test_identity_replay.py::TestCase1ReadKeyDeleteIsNeverSentAsAdmin",
    ),
    (
        "a key goes only to the origin a profile pairs it with",
        "kexplore/core/http/identity.py",
        "        return any(s.credential == credential and s.origin == base for s in self.sites)",
        "        return True",
        "tests/test_identity_replay.py::TestCase4OtherOriginsStayThere",
    ),
    (
        "the keyring hands a key only to its own origin",
        "kexplore/core/http/keyring.py",
        "        if home != origin:",
        "        if False:",
        "tests/core/test_identity.py::TestKeyring",
    ),
    (
        "writes are confirmed per target, not per profile",
        "kexplore/core/http/identity.py",
        "        return owner is None or owner.confirm_writes",
        "        return False",
        "tests/ui/test_identity_ui.py::TestCase6WriteGuardPerTarget "
        "tests/test_identity_replay.py::TestCase2SandboxHistoryNeverGoesToProduction",
    ),
    (
        "links resolve against the document that holds them",
        "kexplore/screens/main.py",
        "            base = visit.response.url or self.client.base_url",
        "            base = self.client.base_url",
        "tests/ui/test_identity_ui.py::TestCase5LinksResolveAgainstTheirDocument",
    ),
    (
        "sandbox entries replay against a sandbox, never the profile's base URL",
        "kexplore/core/http/identity.py",
        "        if target == SANDBOX:\n            return self.sandbox_origin",
        "        if target == SANDBOX:\n            return self.home.origin",
        "tests/test_identity_replay.py::TestCase2SandboxHistoryNeverGoesToProduction",
    ),
]
only = sys.argv[2:]
for i, (name, file, old, new, tests) in enumerate(M):
    if only and str(i) not in only:
        continue
    files, olds, news = (file, old, new) if isinstance(file, list) else ([file], [old], [new])
    originals = {f: (ROOT / f).read_text() for f in files}
    if any(originals[f].count(o) < 1 for f, o in zip(files, olds, strict=True)):
        print(f"{i:2} SKIP (pattern not found) {name}", flush=True)
        continue
    for f, o, n in zip(files, olds, news, strict=True):
        (ROOT / f).write_text((ROOT / f).read_text().replace(o, n))
    try:
        command = [sys.executable, "-m", "pytest", "-q", "-x", *tests.split()]
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(ROOT / ".home")}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-200:]
        verdict = "CAUGHT" if done.returncode != 0 else "MISSED"
        print(f"{i:2} {verdict} {name}: {last}", flush=True)
    finally:
        for f, text in originals.items():
            (ROOT / f).write_text(text)
