"""Synthetic but realistic registration lists for benchmarks (fixed seed)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from facilitator_app.demo_data import load_demo

HEADERS = ["Marca temporal", "Nombres", "Apellidos", "Celular / WhatsApp", "Correo electrónico",
           "Nacionalidad", "Nombre del emprendimiento", "Rubro",
           "¿Autoriza el tratamiento de sus datos personales?"]


def people(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    demo = load_demo().people
    given = [p.given_names for p in demo]
    family = [w for p in demo for w in p.family_names.split() if len(w) > 3]
    businesses = [p.business for p in demo]
    rows = []
    for number in range(count):
        first = rng.choice(given)
        last = f"{rng.choice(family)} {rng.choice(family)}"
        email = f"persona{number}@example.org" if rng.random() < 0.8 else ""
        rows.append(["2026-03-01 10:00", first, last, f"9{number:08d}", email,
                     rng.choice(["venezolana", "Perú", "Venezuela", "colombiana"]),
                     rng.choice(businesses), rng.choice(["Alimentos", "Belleza", "Comercio"]),
                     "Sí"])
    return rows


def write_list(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(people(count))
    return path
