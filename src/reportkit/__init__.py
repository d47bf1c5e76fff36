"""reportkit: one source of 取組事例, three outputs that agree (docx, pdf, xlsx)."""

__version__ = "0.1.0"
