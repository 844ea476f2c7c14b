"""Dutch for the import problems about an e-mail's date (``desktop.intake.mail.judged_date``), put into the .ts
where still unfinished by ``python packaging/i18n_fill.py``. Keys are the English sources."""

NL: dict[str, str | tuple[str, str]] = {
    "the e-mail's date (%1) lies in the future: the time the mail server received it is used (%2)":
        "de datum van de e-mail (%1) ligt in de toekomst: het tijdstip waarop de mailserver hem ontving is gebruikt (%2)",
    "the e-mail's date (%1) is before e-mail existed: the time the mail server received it is used (%2)":
        "de datum van de e-mail (%1) ligt vóór het bestaan van e-mail: het tijdstip waarop de mailserver hem ontving "
        "is gebruikt (%2)",
    "the e-mail's date (%1) lies in the future: the message has no time":
        "de datum van de e-mail (%1) ligt in de toekomst: het bericht heeft geen tijdstip",
    "the e-mail's date (%1) is before e-mail existed: the message has no time":
        "de datum van de e-mail (%1) ligt vóór het bestaan van e-mail: het bericht heeft geen tijdstip",
}
