"""Dutch for the import problems about an e-mail's date (``desktop.intake.mail.judged_date``), put into the .ts
where still unfinished by ``python packaging/i18n_fill.py``. Keys are the English sources; the window puts a date
problem together from a head and a tail (``desktop.ui.problem_text``)."""

NL: dict[str, str | tuple[str, str]] = {
    "the e-mail's date (%1) lies in the future: %2": "de datum van de e-mail (%1) ligt in de toekomst: %2",
    "the e-mail's date (%1) is before e-mail existed: %2": "de datum van de e-mail (%1) ligt vóór het bestaan van e-mail: %2",
    "the time the mail server received it is used (%1)": "het tijdstip waarop de mailserver hem ontving is gebruikt (%1)",
    "the message has no time": "het bericht heeft geen tijdstip",
}
