"""Japanese: Zoom with a Japanese interface ("名前 (元の名前)", "ユーザーメール")."""

from facilitator_app.online.language import Language

WORDS = Language(
    code="ja",
    headers={
        "zoom_name": ("名前 (元の名前)",),
        "name": ("名前",),
        "email": ("ユーザーメール", "メール"),
        "join": ("参加時刻",),
        "leave": ("退出時刻",),
        "duration": ("所要時間（分）", "所要時間"),
        "total": ("合計時間（分）",),
        "waiting": ("待機室",),
        "guest": ("ゲスト",),
        "meeting_id": ("ミーティングID",),
        "topic": ("トピック",),
    },
    guest_tags=("ゲスト",),
    host_tags=("ホスト",),
    other_tags=("共同ホスト",),
    units={"h": ("時間",), "m": ("分",), "s": ("秒",)},
    yes=("はい",),
    day_first=None,  # 2026/3/5: year first
)
