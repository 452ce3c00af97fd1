"""Seeds a customer's conversations with their messages and notes."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import orjson

from kexplore.sandbox.ids import iso_ms, object_id
from kexplore.sandbox.seed import words
from kexplore.sandbox.seed.catalog import World

__all__ = ["ConversationSeeder", "Row"]

SUPPORT = "support@sandbox-outfitters.example"
CHANNELS = (("email", "postmark"), ("email", "postmark"), ("chat", "chat"), ("sms", "twilio"))
STATUSES = ("done", "done", "done", "open", "open", "snoozed")
DIR_TYPES = {
    ("in", None): "initial-in",
    ("in", "out"): "response-in",
    ("in", "in"): "followup-in",
    ("out", "in"): "response-out",
    ("out", "out"): "followup-out",
}
CLOSINGS = {"in": words.CLOSINGS_IN, "out": words.CLOSINGS_OUT}
STATUS = {"in": "received", "out": "sent"}
MESSAGE = (
    '{"channel":%s,"size":%d,"direction":"%s","directionType":"%s","preview":%s,"subject":%s,'
    '"meta":{"from":%s,"to":[{"email":%s}],"subject":%s},"status":"%s","auto":false,'
    '"sentAt":"%s","createdAt":"%s","updatedAt":"%s","lang":"en","rev":1%s}'
)
"""A message's stored attributes, filled by %-formatting with JSON-quoted values."""

Row = tuple[str, str, str | None, str | None, str, str]
"""A resources row: id, type, customer_id, conversation_id, attrs JSON, rels JSON."""


def _dump(value: Any) -> str:
    return orjson.dumps(value).decode()


class ConversationSeeder:
    """Builds conversation, message and note rows for one customer at a time.

    Args:
        rng: The seeded random source (shared, consumed in order).
        world: The org-wide ids (agents, teams, tags, queues, brands, shortcuts).
        emit: Receives each row built.
    """

    def __init__(self, rng: random.Random, world: World, emit: Callable[[Row], None]) -> None:
        self.rng = rng
        self.world = world
        self.emit = emit
        random_ = rng.random
        self.pick = lambda seq: seq[int(random_() * len(seq))]
        importer = world.machines.get("sandbox-admin-key", "")
        self.inbound_rels = f',"createdBy":"{importer}","modifiedBy":"{importer}"'
        """Inbound messages were imported by the admin key's machine user."""

    def add(self, cid: str, customer: dict, epoch_ms: int, orders: list[str]) -> int:
        """Add 0-4 conversations to a customer; fill its counts and preview.

        Returns:
            When the customer's last activity happened (epoch ms).
        """
        rng, last, counts = self.rng, epoch_ms, {"all": 0, "open": 0, "snoozed": 0, "done": 0}
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            start = epoch_ms + rng.randrange(86_400_000 * 30)
            status, end = self._conversation(cid, customer, start, orders, latest=last)
            counts["all"] += 1
            counts[status] += 1
            last = max(last, end)
        customer["conversationCounts"] = counts
        return last

    def _conversation(
        self, cid: str, customer: dict, start: int, orders: list[str], latest: int
    ) -> tuple[str, int]:
        rng, world = self.rng, self.world
        topic = rng.choice(words.TOPICS)
        channel, app = rng.choice(CHANNELS)
        fill = {
            "first": customer["firstName"],
            "order": rng.choice(orders) if orders else f"#{rng.randrange(100000, 200000)}",
            "product": rng.choice(words.PRODUCTS),
        }
        subject = rng.choice(topic["subject"]).format(**fill)
        agent = rng.choice(world.agents)
        conv = object_id(start, rng.getrandbits(64))
        ctx = (conv, cid, agent, channel, app, subject, customer["emails"][0]["email"])
        end, sent = self._messages(ctx, topic, fill, start)
        notes = self._notes(ctx, topic, start, end)
        status = rng.choice(STATUSES)
        attrs = self._conversation_attrs(subject, channel, status, start, end, sent, notes)
        attrs["tags"] = [world.tags[name] for name in topic["tags"]]
        attrs["assignedUsers"] = [agent]
        attrs["assignedTeams"] = [rng.choice(world.teams)]
        queue = world.queues[1] if channel != "email" else world.queues[rng.choice((0, 0, 2))]
        rels = {"customer": cid, "brand": world.brands[rng.random() < 0.2], "queue": queue}
        rels |= {"createdBy": agent, "modifiedBy": agent}
        self.emit((conv, "conversation", cid, None, _dump(attrs), _dump(rels)))
        if end >= latest:
            _summarise(customer, conv, attrs, sent)
        return status, end

    def _conversation_attrs(
        self, subject: str, channel: str, status: str, start: int, end: int, sent: list, notes: int
    ) -> dict:
        inbound = sum(1 for direction, _, _ in sent if direction == "in")
        last_in = max(at for direction, _, at in sent if direction == "in")
        last_out = [at for direction, _, at in sent if direction == "out"]
        attrs = {
            "name": subject,
            "channels": [channel],
            "status": status,
            "priority": self.rng.choice((1, 2, 3, 3, 3, 4, 5)),
            "direction": "in",
            "replyChannel": channel,
            "messageCount": len(sent),
            "inboundMessageCount": inbound,
            "outboundMessageCount": len(sent) - inbound,
            "noteCount": notes,
            "createdAt": iso_ms(start),
            "updatedAt": iso_ms(end),
            "modifiedAt": iso_ms(end),
            "lastActivityAt": iso_ms(end),
            "lastMessageAt": iso_ms(sent[-1][2]),
            "lastMessageIn": {"sentAt": iso_ms(last_in), "channel": channel},
            "lastMessageOut": {"sentAt": iso_ms(last_out[-1])} if last_out else None,
            "lastMessageDirection": sent[-1][0],
            "lastMessageUnrespondedTo": _unanswered(sent),
            "firstMessageIn": {"sentAt": iso_ms(start), "channel": channel},
            "doneCount": 1 if status == "done" else 0,
            "sentiment": {"polarity": self.rng.choice((-1, 0, 1, 1)), "confidence": 0.82},
            "defaultLang": "en",
            "rev": 1,
        }
        if status == "done":
            attrs["lastDone"] = {"createdAt": iso_ms(end + 60_000)}
        if status == "snoozed":
            attrs["snooze"] = {"status": "scheduled", "time": iso_ms(end + 3 * 86_400_000)}
        return attrs

    def _messages(self, ctx: tuple, topic: dict, fill: dict, at: int) -> tuple[int, list]:
        # Messages are most of a large seed: JSON comes from a template, not dict + dumps.
        rnd, pick, bits = self.rng.random, self.pick, self.rng.getrandbits
        conv, cid, agent, channel, app, subject, email = ctx
        subj, email, ch = _dump(subject), _dump(email), f'"{channel}","app":"{app}"'
        quoted = (subj if channel == "email" else "null", _dump(SUPPORT))
        sent, previous, out_rels = [], None, f',"createdBy":"{agent}","modifiedBy":"{agent}"'
        for n in range(pick((2, 3, 4, 4, 5, 6))):
            direction = "in" if n % 2 == 0 or rnd() < 0.15 else "out"
            lines = topic[direction] if n < 2 else CLOSINGS[direction]
            text = pick(lines).format(**fill)
            when, extra, rels = iso_ms(at), "", out_rels
            if direction == "out":
                extra = f',"assignedUsers":["{agent}"]'
                if rnd() < 0.3:
                    rels += f',"shortcuts":["{pick(self.world.shortcuts)}"]'
                frm, to = quoted[1], email
            else:
                frm, to, rels = email, quoted[1], self.inbound_rels
            attrs = MESSAGE % (
                ch,
                len(text) + 612,
                direction,
                DIR_TYPES[(direction, previous)],
                _dump(text),
                quoted[0],
                frm,
                to,
                subj,
                STATUS[direction],
                when,
                when,
                when,
                extra,
            )
            rels = f'{{"customer":"{cid}","conversation":"{conv}"{rels}}}'
            self.emit((object_id(at, bits(64)), "message", cid, conv, attrs, rels))
            sent.append((direction, text, at))
            previous = direction
            at += 60_000 + int(rnd() * 6 * 3_600_000)
        return sent[-1][2], sent

    def _notes(self, ctx: tuple, topic: dict, start: int, end: int) -> int:
        rng = self.rng
        if rng.random() >= 0.5:
            return 0
        conv, cid, agent = ctx[:3]
        at = rng.randrange(start, end + 1)
        when = iso_ms(at)
        attrs = {"body": rng.choice(topic["note"]), "userMentions": [], "lang": "en"}
        attrs |= {"createdAt": when, "updatedAt": when, "modifiedAt": when}
        rels = {"customer": cid, "conversation": conv, "createdBy": agent, "modifiedBy": agent}
        self.emit(
            (object_id(at, rng.getrandbits(64)), "note", cid, conv, _dump(attrs), _dump(rels))
        )
        return 1


def _unanswered(sent: list) -> dict | None:
    """A conversation's unanswered last inbound message, as `{sentAt, createdAt}`, or None."""
    direction, _, at = sent[-1]
    return {"sentAt": iso_ms(at), "createdAt": iso_ms(at)} if direction == "in" else None


def _summarise(customer: dict, conv: str, attrs: dict, sent: list) -> None:
    """Make a customer's preview and last-message fields describe this conversation."""
    channel = attrs["channels"][0]
    direction, text, at = sent[-1]
    customer["preview"] = {"previewAt": iso_ms(at), "type": "message", "channel": channel}
    customer["preview"] |= {"subject": attrs["name"], "text": text}
    customer["lastConversation"] = {"id": conv, "channels": [channel], "tags": attrs["tags"]}
    customer["lastMessageAt"] = iso_ms(at)
    customer["lastMessageIn"] = attrs["lastMessageIn"] | {"sentiment": attrs["sentiment"]}
    customer["lastMessageOut"] = attrs["lastMessageOut"]
    # An object (or null), as public taps' schemas of real answers show, not a boolean.
    unanswered = {"channel": channel, "sentAt": iso_ms(at)} if direction == "in" else None
    customer["lastMessageUnrespondedTo"] = unanswered
    customer["sentiment"] = attrs["sentiment"]
