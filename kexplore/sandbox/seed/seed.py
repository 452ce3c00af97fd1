"""Fills an empty store with deterministic, realistic data (and leaves a seeded one alone)."""

from __future__ import annotations

import random

import orjson

from kexplore.sandbox.seed.catalog import World, build_catalog
from kexplore.sandbox.seed.customers import CustomerSeeder
from kexplore.sandbox.seed.extras import seed_extras
from kexplore.sandbox.store import Store, record_row

__all__ = ["BATCH", "load_world", "seed_store"]

BATCH = 5_000
"""Customers built and inserted per transaction."""


def seed_store(store: Store, seed: int, customers: int) -> World:
    """Seed `store` unless it already holds data; either way return its World.

    The same `seed` and `customers` always produce the same ids and values.

    Args:
        store: The store to fill.
        seed: The random seed.
        customers: How many customers to create.

    Returns:
        The org-wide ids (org, machine users, tokens, ...).
    """
    saved = store.get_meta("world")
    if saved is not None:
        return load_world(saved)
    store.clear()  # an earlier seed of this file may have been interrupted part-way
    rng = random.Random(seed)
    world = build_catalog(rng)
    store.bulk_insert([record_row(record) for record in world.records], [])
    seeder = CustomerSeeder(rng, world, customers)
    for start in range(0, customers, BATCH):
        for i in range(start, min(start + BATCH, customers)):
            seeder.add_customer(i)
        store.bulk_insert(*seeder.take())
    store.create_indexes()
    seed_extras(store, world, seed)
    world.records = []
    store.set_meta({"world": _dump_world(world), "seed": str(seed), "customers": str(customers)})
    return world


def _dump_world(world: World) -> str:
    fields = {name: value for name, value in vars(world).items() if name != "records"}
    return orjson.dumps(fields).decode()


def load_world(text: str) -> World:
    """Rebuild the World saved by an earlier seed of the same file.

    Args:
        text: The JSON saved in the store's meta table.

    Returns:
        The World it describes.
    """
    fields = orjson.loads(text)
    fields["companies"] = [tuple(company) for company in fields["companies"]]
    return World(**fields)
