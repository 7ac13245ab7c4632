"""Vocabularies shared by the tables and the read side (kept apart so reads need no SQLModel)."""

FACT_KINDS = ("like", "dislike", "passion", "family", "need", "offer", "fact")
INTERACTION_KINDS = ("meeting", "call", "video", "email", "message", "meal", "event", "note", "intro")
INTRO_OUTCOMES = ("pending", "helped", "no-fit")
CHANNEL_KINDS = ("email", "phone", "url")
