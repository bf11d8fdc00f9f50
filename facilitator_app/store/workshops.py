"""Workshops and their sessions."""

from __future__ import annotations

import secrets

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.models import Session, SessionId, Workshop, WorkshopId
from facilitator_app.store.base import Repository

CERTIFICATE_COLUMNS = ("cert_issuer", "cert_partner", "cert_facilitator", "cert_issuer_logo",
                       "cert_partner_logo")


def _workshop(row: dict) -> Workshop:
    return Workshop(
        id=WorkshopId(row["id"]),
        title=row["title"],
        venue=row["venue"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        language=row["language"],
        min_online_percent=row["min_online_percent"],
        is_demo=bool(row["is_demo"]),
        notes=row["notes"],
        department=row["department"],
        province=row["province"],
        district=row["district"],
    )


def _session(row: dict) -> Session:
    return Session(
        id=SessionId(row["id"]),
        workshop_id=WorkshopId(row["workshop_id"]),
        title=row["title"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        position=row["position"],
    )


class WorkshopRepository(Repository):
    table = "workshops"
    label = N_("workshop")

    def add(
        self,
        title: str,
        *,
        venue: str = "",
        starts_on: str = "",
        ends_on: str = "",
        language: str = "es",
        is_demo: bool = False,
        notes: str = "",
        department: str = "",
        province: str = "",
        district: str = "",
    ) -> Workshop:
        row = {
            "id": uuid7(),
            "title": title.strip(),
            "venue": venue.strip(),
            "starts_on": starts_on,
            "ends_on": ends_on or starts_on,
            "language": language,
            "min_online_percent": 60,
            "token_secret": secrets.token_hex(32),
            "is_demo": int(is_demo),
            "notes": notes,
            "department": department,
            "province": province.strip(),
            "district": district.strip(),
            "created_at": self.now(),
        }
        self.db.execute(
            f"INSERT INTO workshops ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})",
            row,
        )
        from facilitator_app.keys import new_private_key

        self.add_badge_key(row["id"], new_private_key())  # this desk mints its badges
        return _workshop(row)

    def get(self, workshop_id: str) -> Workshop:
        found = self.rows("SELECT * FROM workshops WHERE id = ?", [self.resolve(workshop_id)])
        return _workshop(found[0])

    def list(self) -> list[Workshop]:
        """Newest first (ids are time-ordered)."""
        return [_workshop(r) for r in self.rows("SELECT * FROM workshops ORDER BY id DESC")]

    def secret(self, workshop_id: str) -> str:
        """This desk's HMAC key for the workshop's codes (certificates, older badges): the
        workshop's own secret where it was created, else a key of this desk alone (hex).
        Never shown or exported.

        Kept in memory after the first read: it never changes, and every scan needs it.
        """
        cache = self.__dict__.setdefault("_secrets", {})
        if workshop_id not in cache:
            cache[workshop_id] = self.hmac_secret(workshop_id) or self._codes_key(workshop_id)
        return cache[workshop_id]

    def hmac_secret(self, workshop_id: str) -> str:
        """The secret that minted the workshop's older ("C") badges, or "" where this desk
        received the workshop from another one (archives never carry it)."""
        cache = self.__dict__.setdefault("_hmac", {})
        if workshop_id not in cache:
            found = self.scalar("SELECT token_secret FROM workshops WHERE id = ?",
                                [workshop_id]) or ""
            if not found:
                return ""  # not cached: the workshop may not be here yet
            cache[workshop_id] = found
        return cache[workshop_id]

    def certificate_settings(self, workshop_id: str) -> dict[str, str]:
        """issuer, partner, facilitator, issuer_logo, partner_logo ("" where not set)."""
        row = self.rows(f"SELECT {', '.join(CERTIFICATE_COLUMNS)} FROM workshops WHERE id = ?",
                        [workshop_id])[0]
        return {column.removeprefix("cert_"): row[column] for column in CERTIFICATE_COLUMNS}

    def set_certificate_settings(self, workshop_id: str, **values: str) -> None:
        """Change the given certificate settings (keys as `certificate_settings` names them)."""
        columns = [f"cert_{key}" for key in values]
        unknown = set(columns) - set(CERTIFICATE_COLUMNS)
        if unknown:
            raise ValueError(f"unknown certificate settings {sorted(unknown)}")
        if columns:
            self.db.execute(f"UPDATE workshops SET {', '.join(f'{c} = ?' for c in columns)} "
                            "WHERE id = ?", [*values.values(), workshop_id])

    def set_place(self, workshop_id: str, department: str, province: str,
                  district: str) -> None:
        """Where the workshop takes place: a region code (places.py), province, district."""
        self.db.execute("UPDATE workshops SET department = ?, province = ?, district = ? "
                        "WHERE id = ?", [department, province.strip(), district.strip(),
                                         workshop_id])

    def count_all(self) -> int:
        return self.scalar("SELECT COUNT(*) FROM workshops")

    def secrets(self) -> list[tuple[str, str]]:
        """(workshop id, HMAC secret) of the workshops whose secret this desk holds."""
        return [(row[0], row[1]) for row in self.db.execute(
            "SELECT id, token_secret FROM workshops WHERE token_secret != ''").fetchall()]

    def badge_key(self, workshop_id: str) -> bytes | None:
        """The public key that verifies the workshop's signed badges (None: none yet)."""
        cache = self.__dict__.setdefault("_badge_keys", {})
        if workshop_id not in cache:
            found = self.scalar("SELECT public_key FROM badge_keys WHERE workshop_id = ?",
                                [workshop_id])
            if found is None:
                return None  # not cached: a merge may bring it
            cache[workshop_id] = bytes(found)
        return cache[workshop_id]

    def badge_keys(self) -> list[tuple[str, bytes]]:
        return [(row[0], bytes(row[1])) for row in self.db.execute(
            "SELECT workshop_id, public_key FROM badge_keys").fetchall()]

    def add_badge_key(self, workshop_id: str, private_key: bytes) -> bytes:
        """Keep `private_key` here as the workshop's minting key, and publish its public half
        (which archives carry); returns the public key."""
        from facilitator_app.keys import public_key_of

        public = public_key_of(private_key)
        self.db.execute("INSERT INTO local_keys (kind, ref, private_key, created_at) VALUES "
                        "('mint', ?, ?, ?)", [workshop_id, private_key, self.now()])
        self.db.execute("INSERT INTO badge_keys (workshop_id, public_key, created_at) "
                        "VALUES (?, ?, ?)", [workshop_id, public, self.now()])
        return public

    def minting_key(self, workshop_id: str) -> bytes | None:
        found = self.scalar("SELECT private_key FROM local_keys WHERE kind = 'mint' AND "
                            "ref = ?", [workshop_id])
        return bytes(found) if found is not None else None

    def _codes_key(self, workshop_id: str) -> str:
        found = self.scalar("SELECT private_key FROM local_keys WHERE kind = 'codes' AND "
                            "ref = ?", [workshop_id])
        if found is None:
            found = secrets.token_hex(32).encode()
            self.db.execute("INSERT INTO local_keys (kind, ref, private_key, created_at) "
                            "VALUES ('codes', ?, ?, ?)", [workshop_id, found, self.now()])
        return bytes(found).decode()

    def demo(self) -> Workshop | None:
        found = self.rows("SELECT * FROM workshops WHERE is_demo = 1 ORDER BY id LIMIT 1")
        return _workshop(found[0]) if found else None


class SessionRepository(Repository):
    table = "sessions"
    label = N_("session")

    def add(
        self, workshop_id: WorkshopId, title: str, *, starts_at: str = "", ends_at: str = ""
    ) -> Session:
        position = self.scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM sessions WHERE workshop_id = ?",
            [workshop_id],
        )
        row = {
            "id": uuid7(),
            "workshop_id": workshop_id,
            "title": title.strip(),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "position": position,
            "created_at": self.now(),
        }
        self.db.execute(
            "INSERT INTO sessions (id, workshop_id, title, starts_at, ends_at, position, "
            "created_at) VALUES (:id, :workshop_id, :title, :starts_at, :ends_at, :position, "
            ":created_at)",
            row,
        )
        return _session(row)

    def get(self, session_id: str) -> Session:
        found = self.rows("SELECT * FROM sessions WHERE id = ?", [self.resolve(session_id)])
        return _session(found[0])

    def for_workshop(self, workshop_id: WorkshopId) -> list[Session]:
        return [
            _session(r)
            for r in self.rows(
                "SELECT * FROM sessions WHERE workshop_id = ? ORDER BY position, id",
                [workshop_id],
            )
        ]
