"""Casedesk: photos, videos and chats from customers into claim and complaint case files."""

__version__ = "0.1.0"
