"""Dutch for the strings of the viewer branch (viewer tools, compare, send on, export dialog, customer's rights,
history, second opinions, settings), kept apart from the .ts file so a merge of two branches that both refreshed
casedesk_nl.ts loses nothing: ``python packaging/i18n_fill.py`` puts them into the .ts (where still unfinished)
and compiles it. Keys are the English sources (any context); plural forms are (one, many)."""

NL: dict[str, str | tuple[str, str]] = {
    # compare
    "Differs from the other item": "Verschilt van het andere item",
    "Compare — Casedesk": "Vergelijken — Casedesk",
    "Swap sides": "Kanten wisselen",
    "Fit": "Passend",
    "Facts in blue differ between the two.": "Gegevens in blauw verschillen tussen de twee.",
    "Close": "Sluiten",
    "Compare: %1 and %2 — Casedesk": "Vergelijken: %1 en %2 — Casedesk",
    "Kind": "Soort",
    "Taken": "Gemaakt",
    "Received": "Ontvangen",
    "Sent by": "Verstuurd door",
    "Camera": "Camera",
    "Software": "Software",
    "Size": "Grootte",
    "Duration": "Duur",
    "GPS": "GPS",
    "Flags": "Signalen",
    "set aside": "apart gezet",
    "kept": "bewaard",
    "Duplicate": "Dubbel",
    "In the report": "In het dossier",
    "yes": "ja",
    "no": "nee",
    "SHA-256": "SHA-256",
    "Case": "Zaak",
    "%1: no picture to show.": "%1: geen beeld om te tonen.",
    # erase
    "Erase %1 for good?": "%1 definitief wissen?",
    "Reading what would be erased…": "Nagaan wat gewist zou worden…",
    "This erases, for good:\n• the customer's record: %1\n• %2 message(s) and %3 media item(s) with their originals "
    "and thumbnails (an original that another customer's case also holds stays)\n• %4 note(s) on their case(s) %5\n"
    "• their name, phone, e-mail and message texts wherever a copy was kept: case titles, notes, the audit log's "
    "details, the log files.\nWhat stays: a tombstone (customer number, when, why, by whom) and the emptied cases as "
    "references, so the audit trail still reads. You get a receipt.":
        "Dit wist definitief:\n• de klantgegevens: %1\n• %2 bericht(en) en %3 media-item(s) met hun originelen en "
        "miniaturen (een origineel dat ook in de zaak van een andere klant zit, blijft)\n• %4 notitie(s) bij hun "
        "zaak/zaken %5\n• hun naam, telefoon, e-mail en berichtteksten overal waar een kopie bewaard is: "
        "zaaktitels, notities, de details van het auditlog, de logbestanden.\nWat blijft: een grafsteen "
        "(klantnummer, wanneer, waarom, door wie) en de lege zaken als verwijzing, zodat het auditspoor leesbaar "
        "blijft. U krijgt een ontvangstbewijs.",
    "Within the retention period: erase only when a legal basis allows it, and name it.":
        "Binnen de bewaartermijn: wis alleen als een wettelijke grondslag dat toestaat, en noem die.",
    "This customer cannot be erased now:": "Deze klant kan nu niet gewist worden:",
    "case %1 is under a legal hold (%2); lift the hold first":
        "zaak %1 staat onder een juridische bewaarplicht (%2); hef die eerst op",
    "case %1 is still open (%2); close it first": "zaak %1 is nog open (%2); sluit die eerst af",
    "case %1 is within its retention period until %2 (%3: %4 years after closing)":
        "zaak %1 valt binnen de bewaartermijn tot %2 (%3: %4 jaar na afsluiten)",
    "Erasing…": "Wissen…",
    "Erased. Receipt: %1 message(s), %2 media item(s), %3 note(s), %4 original(s) removed; by %5 at %6.":
        "Gewist. Ontvangstbewijs: %1 bericht(en), %2 media-item(s), %3 notitie(s), %4 origineel/originelen "
        "verwijderd; door %5 op %6.",
    "Nothing was erased:\n%1": "Er is niets gewist:\n%1",
    "Save the erasure receipt": "Ontvangstbewijs van het wissen opslaan",
    "JSON (*.json)": "JSON (*.json)",
    "Receipt saved: %1": "Ontvangstbewijs opgeslagen: %1",
    "Erase the customer": "Klant wissen",
    "e.g. the customer asked by e-mail on 2 December (no personal data)":
        "bv. de klant vroeg erom per e-mail op 2 december (geen persoonsgegevens)",
    "e.g. GDPR art. 17(1)(b)": "bv. AVG art. 17 lid 1 sub b",
    "Legal basis": "Wettelijke grondslag",
    "Reason": "Reden",
    "I understand that this cannot be undone": "Ik begrijp dat dit niet ongedaan kan worden",
    "Erase for good": "Definitief wissen",
    "Save the receipt…": "Ontvangstbewijs opslaan…",
    # customer export
    "Everything stored on %1": "Alles wat over %1 is opgeslagen",
    "The customer's (%1)": "Die van de klant (%1)",
    "Save the customer's data": "Gegevens van de klant opslaan",
    "ZIP files (*.zip)": "ZIP-bestanden (*.zip)",
    "Choose where to save the ZIP.": "Kies waar de ZIP moet komen.",
    "Collecting the customer's data…": "Gegevens van de klant verzamelen…",
    "Saved: %1\n%2 · %3 case(s) · %4 original(s). Give it to the customer through a safe channel.":
        "Opgeslagen: %1\n%2 · %3 zaak/zaken · %4 origineel/originelen. Geef het de klant via een veilig kanaal.",
    "The export failed:\n%1": "De export is mislukt:\n%1",
    "Export the customer's data": "Gegevens van de klant exporteren",
    "A ZIP with everything stored on this customer (GDPR art. 15): data.json (their record, cases, messages, media, "
    "notes and the audit events about them), every original under originals/ and summary.pdf, a readable overview "
    "in their language. Nothing of any other customer goes in.":
        "Een ZIP met alles wat over deze klant is opgeslagen (AVG art. 15): data.json (klantgegevens, zaken, "
        "berichten, media, notities en de auditgebeurtenissen over hen), elk origineel onder originals/ en "
        "summary.pdf, een leesbaar overzicht in hun taal. Niets van een andere klant komt erin.",
    "Choose…": "Kiezen…",
    "Summary language": "Taal van het overzicht",
    "Save as": "Opslaan als",
    "Export": "Exporteren",
    "Show in folder": "In map tonen",
    # export dialog
    "%n original(s) could not be read: the PDF shows a placeholder and names them on the cover.":
        ("%n origineel kon niet gelezen worden: het dossier toont een plaatshouder en noemt het op het voorblad.",
         "%n originelen konden niet gelezen worden: het dossier toont plaatshouders en noemt ze op het voorblad."),
    "… and %n more": ("… en nog %n", "… en nog %n"),
    "Not exported: %n original(s) cannot be read from the store of originals:":
        ("Niet geëxporteerd: %n origineel kan niet gelezen worden uit de opslag van originelen:",
         "Niet geëxporteerd: %n originelen kunnen niet gelezen worden uit de opslag van originelen:"),
    "Nothing was written. Import them again, or export anyway: the PDF then shows a placeholder for each and names "
    "them on the cover.":
        "Er is niets geschreven. Importeer ze opnieuw, of exporteer toch: het dossier toont dan voor elk een "
        "plaatshouder en noemt ze op het voorblad.",
    "Mask personal data in the texts": "Persoonsgegevens in de teksten afschermen",
    "Phone numbers, e-mail addresses, IBANs, BSNs, licence plates and GPS positions are masked in every text of the "
    "PDF; the cover lists what kinds":
        "Telefoonnummers, e-mailadressen, IBAN's, BSN's, kentekens en GPS-posities worden in elke tekst van het "
        "dossier afgeschermd; het voorblad noemt welke soorten",
    "Blur faces in the photos (the originals stay as they are)":
        "Gezichten in de foto's vervagen (de originelen blijven zoals ze zijn)",
    "Appendix with the case's audit trail": "Bijlage met het auditspoor van de zaak",
    "Export anyway, marking what is missing": "Toch exporteren, met wat ontbreekt gemarkeerd",
    "Write the PDF with a placeholder for each original that cannot be read; the cover says which":
        "Het dossier schrijven met een plaatshouder voor elk origineel dat niet gelezen kan worden; het voorblad "
        "zegt welke",
    # history
    "History of %1": "Geschiedenis van %1",
    "History of %1 %2": "Geschiedenis van %1 %2",
    "Filter: a handler, an action, a file name…": "Filter: een behandelaar, een handeling, een bestandsnaam…",
    "When": "Wanneer",
    "Who": "Wie",
    "What": "Wat",
    "Details": "Details",
    "Action": "Handeling",
    "Undone": "Ongedaan gemaakt",
    "Audit trail": "Auditspoor",
    "Undoable actions": "Handelingen die ongedaan kunnen worden",
    "Reading the history…": "De geschiedenis wordt gelezen…",
    "Audit trail (%1)": "Auditspoor (%1)",
    "Undoable actions (%1)": "Ongedaan te maken (%1)",
    "The audit trail is append-only and hash-chained; 'casedesk verify' checks it.":
        "Het auditspoor wordt alleen aangevuld en is met hashes geketend; 'casedesk verify' controleert het.",
    # viewer
    "Copy": "Kopiëren",
    "Copy the coordinates, to paste into a map": "De coördinaten kopiëren, om in een kaart te plakken",
    "Turned": "Gedraaid",
    "%1° clockwise (for viewing and the PDF; the original is unchanged)":
        "%1° met de klok mee (voor het bekijken en het dossier; het origineel blijft ongewijzigd)",
    "Copied: %1": "Gekopieerd: %1",
    "No original to read.": "Geen origineel om te lezen.",
    "Reading…": "Lezen…",
    "The EXIF data cannot be read.": "De EXIF-gegevens kunnen niet gelezen worden.",
    "%n tag(s)": ("%n tag", "%n tags"),
    "This file carries no EXIF data (WhatsApp and many apps remove it).":
        "Dit bestand bevat geen EXIF-gegevens (WhatsApp en veel apps halen ze weg).",
    "⟲ Turn left": "⟲ Naar links draaien",
    "Turn a quarter to the left, here and in the PDF; the original is not changed (Shift+R)":
        "Een kwartslag naar links draaien, hier en in het dossier; het origineel blijft ongewijzigd (Shift+R)",
    "⟳ Turn right": "⟳ Naar rechts draaien",
    "Turn a quarter to the right, here and in the PDF; the original is not changed (R)":
        "Een kwartslag naar rechts draaien, hier en in het dossier; het origineel blijft ongewijzigd (R)",
    "Filter tags…": "Tags filteren…",
    "Group": "Groep",
    "Tag": "Tag",
    "Value": "Waarde",
    "EXIF": "EXIF",
    # second opinions
    "Second opinions on %1": "Second opinions over %1",
    "Requests on this case": "Verzoeken over deze zaak",
    "Answer the selected request": "Het gekozen verzoek beantwoorden",
    "Your opinion, e.g. the damage fits the story; pay the claim":
        "Uw oordeel, bv. de schade past bij het verhaal; de claim uitbetalen",
    "Answer": "Beantwoorden",
    "Ask a colleague": "Een collega vragen",
    "the colleague's handler name": "de behandelaarsnaam van de collega",
    "What should they look at? e.g. is photo 3 the same kitchen?":
        "Waar moet die naar kijken? bv. is foto 3 dezelfde keuken?",
    "Ask": "Vragen",
    "Colleague": "Collega",
    "Question": "Vraag",
    "%1 asked %2 on %3:": "%1 vroeg %2 op %3:",
    "Not answered yet.": "Nog niet beantwoord.",
    "%1 answered on %2:": "%1 antwoordde op %2:",
    "No second opinion was asked on this case yet.": "Over deze zaak is nog geen second opinion gevraagd.",
    "Name the colleague and say what they should look at.": "Noem de collega en zeg waar die naar moet kijken.",
    "Asked %1 for a second opinion.": "%1 om een second opinion gevraagd.",
    "Choose an open request and write your answer.": "Kies een open verzoek en schrijf uw antwoord.",
    "Your answer to %1 is saved.": "Uw antwoord aan %1 is opgeslagen.",
    # send on
    "Send the case file": "Dossier versturen",
    "Case file of %1 %2": "Dossier van %1 %2",
    "Casedesk writes an e-mail draft with the PDF case file attached and the case reference in the subject. Your "
    "mail program opens it: check it, then send it yourself.":
        "Casedesk maakt een e-mailconcept met het dossier (PDF) als bijlage en het zaakkenmerk in het onderwerp. "
        "Uw mailprogramma opent het: controleer het en verstuur het zelf.",
    "e.g. claims@insurer.example (you can also fill it in later)":
        "bv. schade@verzekeraar.example (u kunt het ook later invullen)",
    "Ask for more photos": "Om meer foto's vragen",
    "Ask the customer of %1 for more photos": "De klant van %1 om meer foto's vragen",
    "A short, friendly request for an overview photo, close-ups and the type plate or receipt, in the customer's "
    "language. Your mail program opens it: check it, then send it yourself.":
        "Een kort, vriendelijk verzoek om een overzichtsfoto, close-ups en het typeplaatje of de aankoopbon, in de "
        "taal van de klant. Uw mailprogramma opent het: controleer het en verstuur het zelf.",
    "the customer's e-mail address": "het e-mailadres van de klant",
    "Save the e-mail draft": "E-mailconcept opslaan",
    "E-mail drafts (*.eml)": "E-mailconcepten (*.eml)",
    "Choose where to save the draft.": "Kies waar het concept moet komen.",
    "The customer's e-mail address is not known: type it in the To field.":
        "Het e-mailadres van de klant is niet bekend: typ het in het veld Aan.",
    "Writing the case file and the draft…": "Dossier en concept worden geschreven…",
    "Writing the draft…": "Concept wordt geschreven…",
    "Stopping…": "Stoppen…",
    "Draft written: %1": "Concept gemaakt: %1",
    "Draft written: %1\nNo mail program opened it; open the file from its folder.":
        "Concept gemaakt: %1\nGeen mailprogramma opende het; open het bestand vanuit de map.",
    "Cancelled; no draft was written.": "Geannuleerd; er is geen concept gemaakt.",
    "The draft could not be written:\n%1": "Het concept kon niet gemaakt worden:\n%1",
    "Open the draft in my mail program": "Het concept openen in mijn mailprogramma",
    "To": "Aan",
    "Language": "Taal",
    "Save the draft as": "Concept opslaan als",
    "Write the draft": "Concept maken",
    "Open the draft": "Concept openen",
    # settings
    "Saving the team's settings…": "De teaminstellingen worden opgeslagen…",
    "Settings saved; who wrote %n message(s) was decided again.":
        ("Instellingen opgeslagen; van %n bericht is opnieuw bepaald wie het schreef.",
         "Instellingen opgeslagen; van %n berichten is opnieuw bepaald wie ze schreef."),
    "Not saved: %1": "Niet opgeslagen: %1",
    "The organisation's e-mail addresses, one per line: a mail from one of them is an answer in the customer's "
    "thread.": "De e-mailadressen van de organisatie, één per regel: een mail van een daarvan is een antwoord in "
               "de draad van de klant.",
    "The organisation's e-mail domains, one per line (e.g. insurer.example; subdomains included).":
        "De e-maildomeinen van de organisatie, één per regel (bv. verzekeraar.example; subdomeinen inbegrepen).",
    "Names in chats": "Namen in chats",
    "E-mail addresses": "E-mailadressen",
    "E-mail domains": "E-maildomeinen",
    "In a 1:1 chat the partner named by the export is the customer and everyone else the organisation; these lists "
    "refine that. Changing them decides again who wrote every message already imported.":
        "In een 1-op-1-chat is de gesprekspartner die de export noemt de klant en iedereen anders de organisatie; "
        "deze lijsten verfijnen dat. Wijzigen bepaalt opnieuw wie elk al geïmporteerd bericht schreef.",
    "Organisation": "Organisatie",
    "Mon": "ma",
    "Tue": "di",
    "Wed": "wo",
    "Thu": "do",
    "Fri": "vr",
    "Sat": "za",
    "Sun": "zo",
    "to": "tot",
    "none (e.g. BY for Bavaria)": "geen (bv. BY voor Beieren)",
    "Extra days the office is closed, one date per line (YYYY-MM-DD).":
        "Extra dagen dat het kantoor dicht is, één datum per regel (JJJJ-MM-DD).",
    " working min": " werkminuten",
    "For the first answer and for every later customer message.":
        "Voor het eerste antwoord en voor elk later bericht van de klant.",
    "Working days": "Werkdagen",
    "Working hours": "Werktijden",
    "Public holidays of": "Feestdagen van",
    "Region": "Regio",
    "Time zone": "Tijdzone",
    "Office closed on": "Kantoor dicht op",
    "Answer expected within": "Antwoord verwacht binnen",
    "Response times count working minutes only; changing the calendar or the norm applies to every case at once.":
        "Reactietijden tellen alleen werkminuten; een wijziging van de kalender of de norm geldt meteen voor elke "
        "zaak.",
    "Service hours": "Openingstijden",
    " h": " uur",
    "The gap in capture times that 'Split by time gaps…' proposes.":
        "Het gat in opnametijden dat 'Splitsen bij tijdsgaten…' voorstelt.",
    "Split by time gaps of": "Splitsen bij tijdsgaten van",
    "Flag photos taken before the incident by": "Foto's markeren die zo lang vóór het voorval gemaakt zijn",
    " years after closing": " jaar na afsluiten",
    "{prefix}, {year} or {yy}, and the running number {n} (e.g. {n:04d})":
        "{prefix}, {year} of {yy}, en het volgnummer {n} (bv. {n:04d})",
    "Keep claims": "Schadeclaims bewaren",
    "Keep complaints": "Klachten bewaren",
    "Case number prefix": "Voorvoegsel zaaknummer",
    "Case number format": "Opmaak zaaknummer",
    "Next numbers look like": "Volgende nummers worden",
    "Claims are kept 7 years by default (the Dutch fiscal retention period, art. 52 AWR). 'casedesk retention' "
    "lists closed cases past their period.":
        "Schadeclaims worden standaard 7 jaar bewaard (de fiscale bewaarplicht, art. 52 AWR). 'casedesk "
        "retention' toont afgesloten zaken waarvan de termijn voorbij is.",
    "Retention and numbers": "Bewaren en nummers",
    "Library location and language take effect when Casedesk starts again. The case file (PDF) and e-mail drafts "
    "are written in this language unless you choose another one when exporting.":
        "Bibliotheeklocatie en taal gaan in wanneer Casedesk opnieuw start. Het dossier (PDF) en e-mailconcepten "
        "worden in deze taal geschreven, tenzij u bij het exporteren een andere kiest.",
    "This desk": "Deze werkplek",
    "The first four tabs are the team's settings, shared by every desk on this library.":
        "De eerste vier tabbladen zijn de instellingen van het team, gedeeld door elke werkplek op deze "
        "bibliotheek.",
    # window actions
    "&Compare the two selected items": "De twee gekozen items &vergelijken",
    "Send case &file…": "&Dossier versturen…",
    "Ask for more &photos…": "Om meer &foto's vragen…",
    "Second &opinions…": "Second &opinions…",
    "&History…": "&Geschiedenis…",
    "&Export data…": "Gegevens &exporteren…",
    "E&rase…": "&Wissen…",
    "&Case": "&Zaak",
    "C&ustomer": "&Klant",
    "Select two items in the grid to compare them (Ctrl+click the second one).":
        "Kies twee items in het raster om ze te vergelijken (Ctrl+klik op het tweede).",
    "E-mail draft written": "E-mailconcept gemaakt",
    "Changed by someone else": "Door iemand anders gewijzigd",
    "Someone else saved this case while you were editing it. Your change was not saved; the case now shows what is "
    "stored. Make your change again if it is still needed.":
        "Iemand anders heeft deze zaak opgeslagen terwijl u eraan werkte. Uw wijziging is niet opgeslagen; de zaak "
        "toont nu wat is opgeslagen. Breng uw wijziging opnieuw aan als die nog nodig is.",
    # duplicates cards (dupsvc branch)
    "Kept beside it · %1": "Ernaast bewaard · %1",
    "no customer": "geen klant",
    "present": "aanwezig",
}
