<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>CaseListController</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="59"/>
        <source>Open cases</source>
        <translation>Open zaken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="60"/>
        <source>All cases</source>
        <translation>Alle zaken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="86"/>
        <source>Loading cases…</source>
        <translation>Zaken laden…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="136"/>
        <source>%1 of %2 cases</source>
        <translation>%1 van %2 zaken</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/case_list.py" line="138"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n te laat</numerusform>
            <numerusform>%n te laat</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="146"/>
        <source>First answer</source>
        <translation>Eerste antwoord</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="146"/>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="147"/>
        <source>Customer / title</source>
        <translation>Klant / titel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="147"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="148"/>
        <source>Opened</source>
        <translation>Geopend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="148"/>
        <source>Handler</source>
        <translation>Behandelaar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="148"/>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="182"/>
        <location filename="../../desktop/ui/models/case_list_model.py" line="207"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="183"/>
        <source>%n set aside as duplicates</source>
        <translation>
            <numerusform>%n apart gezet als dubbel</numerusform>
            <numerusform>%n apart gezet als dubbel</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="185"/>
        <source>Handler: %1</source>
        <translation>Behandelaar: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="185"/>
        <source>No handler yet</source>
        <translation>Nog geen behandelaar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="192"/>
        <source>Overdue %1</source>
        <translation>%1 te laat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="194"/>
        <source>Due in %1</source>
        <translation>Nog %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="196"/>
        <source>Answered</source>
        <translation>Beantwoord</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="201"/>
        <source>(no sender)</source>
        <translation>(geen afzender)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="208"/>
        <source>%n set aside</source>
        <translation>
            <numerusform>%n apart gezet</numerusform>
            <numerusform>%n apart gezet</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="229"/>
        <source>Opened %1</source>
        <translation>Geopend %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/case_list_model.py" line="231"/>
        <source>Customer waiting since %1</source>
        <translation>Klant wacht sinds %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="233"/>
        <source>%n alert(s): the same picture is in another case</source>
        <translation>
            <numerusform>%n melding: dezelfde foto zit in een andere zaak</numerusform>
            <numerusform>%n meldingen: dezelfde foto zit in een andere zaak</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../desktop/ui/views/case_list_view.py" line="122"/>
        <source>Search customer, reference, title, notes, messages…</source>
        <translation>Zoek op klant, kenmerk, titel, notities, berichten…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_list_view.py" line="124"/>
        <source>My cases</source>
        <translation>Mijn zaken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_list_view.py" line="126"/>
        <source>Only the cases assigned to you</source>
        <translation>Alleen de zaken die aan u zijn toegewezen</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="53"/>
        <source>Double-click a message to read it in full</source>
        <translation>Dubbelklik op een bericht om het helemaal te lezen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="94"/>
        <source>Opening %1…</source>
        <translation>%1 openen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="124"/>
        <source>Messages (%1)</source>
        <translation>Berichten (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="148"/>
        <source>(system)</source>
        <translation>(systeem)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="149"/>
        <source>Message of %1</source>
        <translation>Bericht van %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="157"/>
        <source>Media (%1)</source>
        <translation>Media (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="158"/>
        <source>Duplicates (%1)</source>
        <translation>Duplicaten (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="175"/>
        <source>First answer overdue since %1</source>
        <translation>Eerste antwoord te laat sinds %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="175"/>
        <source>Reply overdue since %1</source>
        <translation>Antwoord te laat sinds %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="179"/>
        <source>First answer due by %1</source>
        <translation>Eerste antwoord uiterlijk %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="179"/>
        <source>Reply due by %1</source>
        <translation>Antwoord uiterlijk %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="183"/>
        <source>Answered</source>
        <translation>Beantwoord</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/case_panel.py" line="189"/>
        <source>⚠ %n alert(s)</source>
        <translation>
            <numerusform>⚠ %n melding</numerusform>
            <numerusform>⚠ %n meldingen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="190"/>
        <source>The same picture is in another customer&apos;s case</source>
        <translation>Dezelfde foto zit in de zaak van een andere klant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="210"/>
        <source>Marked at %1</source>
        <translation>Aangevinkt op %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="211"/>
        <source>Tick when you have answered the customer</source>
        <translation>Vink aan als u de klant hebt geantwoord</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="216"/>
        <source>(no sender)</source>
        <translation>(geen afzender)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="234"/>
        <source>handler</source>
        <translation>behandelaar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_panel.py" line="236"/>
        <source>Notes (%1)</source>
        <translation>Notities (%1)</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="219"/>
        <source>Select a case on the left, or drop files, folders, ZIPs, chat exports or e-mails here to import them.</source>
        <translation>Kies links een zaak, of sleep bestanden, mappen, ZIP-bestanden, chatexports of e-mails hierheen om ze te importeren.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="259"/>
        <source>Export PDF…</source>
        <translation>PDF exporteren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="288"/>
        <source>Media</source>
        <translation>Media</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="289"/>
        <source>Messages</source>
        <translation>Berichten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="290"/>
        <source>Duplicates</source>
        <translation>Dubbele</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="291"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <location filename="../../desktop/ui/views/compare_view.py" line="43"/>
        <source>Differs from the other item</source>
        <translation>Verschilt van het andere item</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../desktop/ui/views/compare_view.py" line="52"/>
        <source>Compare — Casedesk</source>
        <translation>Vergelijken — Casedesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/compare_view.py" line="57"/>
        <source>Swap sides</source>
        <translation>Kanten wisselen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/compare_view.py" line="58"/>
        <source>Fit</source>
        <translation>Passend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/compare_view.py" line="61"/>
        <source>Facts in blue differ between the two.</source>
        <translation>Gegevens in blauw verschillen tussen de twee.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/compare_view.py" line="64"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../desktop/ui/compare.py" line="44"/>
        <source>Compare: %1 and %2 — Casedesk</source>
        <translation>Vergelijken: %1 en %2 — Casedesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="62"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="63"/>
        <source>Taken</source>
        <translation>Gemaakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="64"/>
        <source>Received</source>
        <translation>Ontvangen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="65"/>
        <source>Sent by</source>
        <translation>Verstuurd door</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="66"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="67"/>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="68"/>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="71"/>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="72"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="73"/>
        <source>Flags</source>
        <translation>Signalen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="75"/>
        <source>set aside</source>
        <translation>apart gezet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="75"/>
        <source>kept</source>
        <translation>bewaard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="76"/>
        <source>Duplicate</source>
        <translation>Dubbel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="77"/>
        <source>In the report</source>
        <translation>In het dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="77"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="77"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="78"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="79"/>
        <source>Case</source>
        <translation>Zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compare.py" line="87"/>
        <source>%1: no picture to show.</source>
        <translation>%1: geen beeld om te tonen.</translation>
    </message>
</context>
<context>
    <name>CustomerEraseDialog</name>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="38"/>
        <source>case %1 is under a legal hold (%2); lift the hold first</source>
        <translation>zaak %1 staat onder een juridische bewaarplicht (%2); hef die eerst op</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="41"/>
        <source>case %1 is still open (%2); close it first</source>
        <translation>zaak %1 is nog open (%2); sluit die eerst af</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="44"/>
        <source>case %1 is within its retention period until %2 (%3: %4 years after closing)</source>
        <translation>zaak %1 valt binnen de bewaartermijn tot %2 (%3: %4 jaar na afsluiten)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="137"/>
        <source>Erase %1 for good?</source>
        <translation>%1 definitief wissen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="138"/>
        <source>Reading what would be erased…</source>
        <translation>Nagaan wat gewist zou worden…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="159"/>
        <source>This erases, for good:
• the customer&apos;s record: %1
• %2 message(s) and %3 media item(s) with their originals and thumbnails (an original that another customer&apos;s case also holds stays)
• %4 note(s) on their case(s) %5
• their name, phone, e-mail and message texts wherever a copy was kept: case titles, notes, the audit log&apos;s details, the log files.
What stays: a tombstone (customer number, when, why, by whom) and the emptied cases as references, so the audit trail still reads. You get a receipt.</source>
        <translation>Dit wist definitief:
• de klantgegevens: %1
• %2 bericht(en) en %3 media-item(s) met hun originelen en miniaturen (een origineel dat ook in de zaak van een andere klant zit, blijft)
• %4 notitie(s) bij hun zaak/zaken %5
• hun naam, telefoon, e-mail en berichtteksten overal waar een kopie bewaard is: zaaktitels, notities, de details van het auditlog, de logbestanden.
Wat blijft: een grafsteen (klantnummer, wanneer, waarom, door wie) en de lege zaken als verwijzing, zodat het auditspoor leesbaar blijft. U krijgt een ontvangstbewijs.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="172"/>
        <source>Within the retention period: erase only when a legal basis allows it, and name it.</source>
        <translation>Binnen de bewaartermijn: wis alleen als een wettelijke grondslag dat toestaat, en noem die.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="173"/>
        <location filename="../../desktop/ui/customer_dialogs.py" line="224"/>
        <source>This customer cannot be erased now:</source>
        <translation>Deze klant kan nu niet gewist worden:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="202"/>
        <source>Erasing…</source>
        <translation>Wissen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="210"/>
        <source>Erased. Receipt: %1 message(s), %2 media item(s), %3 note(s), %4 original(s) removed; by %5 at %6.</source>
        <translation>Gewist. Ontvangstbewijs: %1 bericht(en), %2 media-item(s), %3 notitie(s), %4 origineel/originelen verwijderd; door %5 op %6.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="229"/>
        <source>Nothing was erased:
%1</source>
        <translation>Er is niets gewist:
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="239"/>
        <source>Save the erasure receipt</source>
        <translation>Ontvangstbewijs van het wissen opslaan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="240"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="245"/>
        <source>Receipt saved: %1</source>
        <translation>Ontvangstbewijs opgeslagen: %1</translation>
    </message>
</context>
<context>
    <name>CustomerEraseView</name>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="72"/>
        <source>Erase the customer</source>
        <translation>Klant wissen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="92"/>
        <source>e.g. the customer asked by e-mail on 2 December (no personal data)</source>
        <translation>bv. de klant vroeg erom per e-mail op 2 december (geen persoonsgegevens)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="95"/>
        <source>e.g. GDPR art. 17(1)(b)</source>
        <translation>bv. AVG art. 17 lid 1 sub b</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="96"/>
        <source>Legal basis</source>
        <translation>Wettelijke grondslag</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="97"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="100"/>
        <source>I understand that this cannot be undone</source>
        <translation>Ik begrijp dat dit niet ongedaan kan worden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="108"/>
        <source>Erase for good</source>
        <translation>Definitief wissen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="111"/>
        <source>Save the receipt…</source>
        <translation>Ontvangstbewijs opslaan…</translation>
    </message>
</context>
<context>
    <name>CustomerExportDialog</name>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="64"/>
        <source>Everything stored on %1</source>
        <translation>Alles wat over %1 is opgeslagen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="65"/>
        <source>The customer&apos;s (%1)</source>
        <translation>Die van de klant (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="80"/>
        <source>Save the customer&apos;s data</source>
        <translation>Gegevens van de klant opslaan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="81"/>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP-bestanden (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="88"/>
        <source>Choose where to save the ZIP.</source>
        <translation>Kies waar de ZIP moet komen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="99"/>
        <source>Collecting the customer&apos;s data…</source>
        <translation>Gegevens van de klant verzamelen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="110"/>
        <source>Saved: %1
%2 · %3 case(s) · %4 original(s). Give it to the customer through a safe channel.</source>
        <translation>Opgeslagen: %1
%2 · %3 zaak/zaken · %4 origineel/originelen. Geef het de klant via een veilig kanaal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/customer_dialogs.py" line="120"/>
        <source>The export failed:
%1</source>
        <translation>De export is mislukt:
%1</translation>
    </message>
</context>
<context>
    <name>CustomerExportView</name>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="24"/>
        <source>Export the customer&apos;s data</source>
        <translation>Gegevens van de klant exporteren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="31"/>
        <source>A ZIP with everything stored on this customer (GDPR art. 15): data.json (their record, cases, messages, media, notes and the audit events about them), every original under originals/ and summary.pdf, a readable overview in their language. Nothing of any other customer goes in.</source>
        <translation>Een ZIP met alles wat over deze klant is opgeslagen (AVG art. 15): data.json (klantgegevens, zaken, berichten, media, notities en de auditgebeurtenissen over hen), elk origineel onder originals/ en summary.pdf, een leesbaar overzicht in hun taal. Niets van een andere klant komt erin.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="43"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="46"/>
        <source>Summary language</source>
        <translation>Taal van het overzicht</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="47"/>
        <source>Save as</source>
        <translation>Opslaan als</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="57"/>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/customer_view.py" line="60"/>
        <source>Show in folder</source>
        <translation>In map tonen</translation>
    </message>
</context>
<context>
    <name>DetailsColumn</name>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="156"/>
        <source>Case</source>
        <translation>Zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="167"/>
        <source>policy or booking number</source>
        <translation>polis- of boekingsnummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="172"/>
        <source>not set</source>
        <translation>niet ingevuld</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="175"/>
        <source>First answer sent</source>
        <translation>Eerste antwoord verstuurd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="177"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="178"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="179"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="180"/>
        <source>Policy / booking</source>
        <translation>Polis / boeking</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="181"/>
        <source>Incident date</source>
        <translation>Datum voorval</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="182"/>
        <source>Handler</source>
        <translation>Behandelaar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="185"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="193"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="194"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="195"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="197"/>
        <source>Contact history</source>
        <translation>Contacthistorie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="201"/>
        <source>All cases of this customer; double-click to open</source>
        <translation>Alle zaken van deze klant; dubbelklik om te openen</translation>
    </message>
</context>
<context>
    <name>DupGroupsModel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/dup_groups_model.py" line="81"/>
        <source>%n item(s)
%1</source>
        <translation>
            <numerusform>%n item
%1</numerusform>
            <numerusform>%n items
%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="30"/>
        <source>present</source>
        <translation>aanwezig</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/duplicates_panel.py" line="68"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n groep</numerusform>
            <numerusform>%n groepen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/duplicates_panel.py" line="69"/>
        <source>%n item(s) set aside</source>
        <translation>
            <numerusform>%n item apart gezet</numerusform>
            <numerusform>%n items apart gezet</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="99"/>
        <source>Keeper</source>
        <translation>Bewaard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="101"/>
        <source>Set aside · %1</source>
        <translation>Apart gezet · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="103"/>
        <source>Kept beside it · %1</source>
        <translation>Ernaast bewaard · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="105"/>
        <source>Kept for review · %1</source>
        <translation>Ter beoordeling · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="111"/>
        <source>loading…</source>
        <translation>laden…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="134"/>
        <source>Dimensions</source>
        <translation>Afmetingen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="134"/>
        <source>File size</source>
        <translation>Bestandsgrootte</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="134"/>
        <source>Format</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="135"/>
        <source>Taken</source>
        <translation>Gemaakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="135"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="135"/>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="136"/>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="136"/>
        <source>Received</source>
        <translation>Ontvangen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="137"/>
        <source>Sent by</source>
        <translation>Verstuurd door</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="145"/>
        <source>no preview</source>
        <translation>geen voorbeeld</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="168"/>
        <source>“%1” is the same picture as “%2” in case %3 (%4): possible fraud.</source>
        <translation>„%1” is dezelfde foto als „%2” in zaak %3 (%4): mogelijke fraude.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="170"/>
        <source>no customer</source>
        <translation>geen klant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/duplicates_panel.py" line="171"/>
        <source>Open %1</source>
        <translation>%1 openen</translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message>
        <location filename="../../desktop/ui/views/duplicates_view.py" line="211"/>
        <source>No duplicates in this case.</source>
        <translation>Geen dubbele bestanden in deze zaak.</translation>
    </message>
</context>
<context>
    <name>EmptyLibraryView</name>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="19"/>
        <source>No cases yet</source>
        <translation>Nog geen zaken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="24"/>
        <source>Import what a customer sent: photos and videos, a folder or ZIP of them, a WhatsApp chat export or an e-mail. Each import becomes a case you can review, sort out and export as a PDF case file. You can also drop files anywhere on this window.</source>
        <translation>Importeer wat een klant stuurde: foto&apos;s en video&apos;s, een map of ZIP daarvan, een WhatsApp-chatexport of een e-mail. Elke import wordt een zaak die u kunt bekijken, ordenen en als pdf-dossier exporteren. U kunt bestanden ook overal op dit venster neerzetten.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="36"/>
        <source>Import files…</source>
        <translation>Bestanden importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="37"/>
        <source>Photos, videos, voice notes, PDFs or a ZIP</source>
        <translation>Foto&apos;s, video&apos;s, spraakberichten, pdf&apos;s of een ZIP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="38"/>
        <source>Import a folder…</source>
        <translation>Een map importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="39"/>
        <source>Every file in a folder and its subfolders, as one case</source>
        <translation>Alle bestanden in een map en de submappen, als één zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="40"/>
        <source>Import a chat export…</source>
        <translation>Een chatexport importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="41"/>
        <source>A WhatsApp export (.zip or .txt with its files): the case of the customer who sent it</source>
        <translation>Een WhatsApp-export (.zip of .txt met de bestanden): in de zaak van de klant die hem stuurde</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="43"/>
        <source>Import an e-mail…</source>
        <translation>Een e-mail importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/empty_state_view.py" line="44"/>
        <source>An .eml or Outlook .msg file with its attachments</source>
        <translation>Een .eml- of Outlook-.msg-bestand met de bijlagen</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="36"/>
        <source>Case %1 %2</source>
        <translation>Zaak %1 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="38"/>
        <source>%n photo(s) per page</source>
        <translation>
            <numerusform>%n foto per pagina</numerusform>
            <numerusform>%n foto&apos;s per pagina</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="82"/>
        <source>Save the case file</source>
        <translation>Dossier opslaan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="83"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="90"/>
        <source>Choose where to save the PDF.</source>
        <translation>Kies waar de PDF moet komen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="113"/>
        <source>Writing the case file…</source>
        <translation>Dossier wordt geschreven…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="135"/>
        <source>Stopping…</source>
        <translation>Stoppen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="155"/>
        <source>Saved: %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="158"/>
        <source>%n original(s) could not be read: the PDF shows a placeholder and names them on the cover.</source>
        <translation>
            <numerusform>%n origineel kon niet gelezen worden: het dossier toont een plaatshouder en noemt het op het voorblad.</numerusform>
            <numerusform>%n originelen konden niet gelezen worden: het dossier toont plaatshouders en noemt ze op het voorblad.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="167"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>De export is afgebroken; er is geen bestand geschreven.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="174"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… en nog %n</numerusform>
            <numerusform>… en nog %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="175"/>
        <source>Not exported: %n original(s) cannot be read from the store of originals:</source>
        <translation>
            <numerusform>Niet geëxporteerd: %n origineel kan niet gelezen worden uit de opslag van originelen:</numerusform>
            <numerusform>Niet geëxporteerd: %n originelen kunnen niet gelezen worden uit de opslag van originelen:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="177"/>
        <source>Nothing was written. Import them again, or export anyway: the PDF then shows a placeholder for each and names them on the cover.</source>
        <translation>Er is niets geschreven. Importeer ze opnieuw, of exporteer toch: het dossier toont dan voor elk een plaatshouder en noemt ze op het voorblad.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="184"/>
        <source>The export failed:
%1</source>
        <translation>De export is mislukt:
%1</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="24"/>
        <source>Export the case file (PDF)</source>
        <translation>Dossier exporteren (PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="36"/>
        <source>Appendix with the set-aside duplicates</source>
        <translation>Bijlage met de apart gezette dubbele bestanden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="38"/>
        <source>Mask personal data in the texts</source>
        <translation>Persoonsgegevens in de teksten afschermen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="40"/>
        <source>Phone numbers, e-mail addresses, IBANs, BSNs, licence plates and GPS positions are masked in every text of the PDF; the cover lists what kinds</source>
        <translation>Telefoonnummers, e-mailadressen, IBAN&apos;s, BSN&apos;s, kentekens en GPS-posities worden in elke tekst van het dossier afgeschermd; het voorblad noemt welke soorten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="42"/>
        <source>Blur faces in the photos (the originals stay as they are)</source>
        <translation>Gezichten in de foto&apos;s vervagen (de originelen blijven zoals ze zijn)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="44"/>
        <source>Appendix with the case&apos;s audit trail</source>
        <translation>Bijlage met het auditspoor van de zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="46"/>
        <source>PDF/A for archiving</source>
        <translation>PDF/A voor archivering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="51"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="54"/>
        <source>Photos per page</source>
        <translation>Foto&apos;s per pagina</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="55"/>
        <source>Report language</source>
        <translation>Taal van het dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="61"/>
        <source>Save as</source>
        <translation>Opslaan als</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="72"/>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="75"/>
        <source>Open the file</source>
        <translation>Bestand openen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="77"/>
        <source>Show in folder</source>
        <translation>In map tonen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="78"/>
        <source>Export anyway, marking what is missing</source>
        <translation>Toch exporteren, met wat ontbreekt gemarkeerd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/export_view.py" line="80"/>
        <source>Write the PDF with a placeholder for each original that cannot be read; the cover says which</source>
        <translation>Het dossier schrijven met een plaatshouder voor elk origineel dat niet gelezen kan worden; het voorblad zegt welke</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="152"/>
        <source>History of %1</source>
        <translation>Geschiedenis van %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="155"/>
        <source>History of %1 %2</source>
        <translation>Geschiedenis van %1 %2</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="90"/>
        <source>Filter: a handler, an action, a file name…</source>
        <translation>Filter: een behandelaar, een handeling, een bestandsnaam…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="94"/>
        <location filename="../../desktop/ui/history_panel.py" line="96"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="94"/>
        <location filename="../../desktop/ui/history_panel.py" line="96"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="94"/>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="94"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="96"/>
        <source>Action</source>
        <translation>Handeling</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="96"/>
        <source>Undone</source>
        <translation>Ongedaan gemaakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="98"/>
        <source>Audit trail</source>
        <translation>Auditspoor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="99"/>
        <source>Undoable actions</source>
        <translation>Handelingen die ongedaan kunnen worden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="116"/>
        <source>Reading the history…</source>
        <translation>De geschiedenis wordt gelezen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="134"/>
        <source>Audit trail (%1)</source>
        <translation>Auditspoor (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="135"/>
        <source>Undoable actions (%1)</source>
        <translation>Ongedaan te maken (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/history_panel.py" line="136"/>
        <source>The audit trail is append-only and hash-chained; &apos;casedesk verify&apos; checks it.</source>
        <translation>Het auditspoor wordt alleen aangevuld en is met hashes geketend; &apos;casedesk verify&apos; controleert het.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="170"/>
        <source>into case %1</source>
        <translation>in zaak %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="46"/>
        <source>Import %1</source>
        <translation>%1 importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="63"/>
        <source>Import %1 into case %2</source>
        <translation>%1 importeren in zaak %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="86"/>
        <source>Looking for cases…</source>
        <translation>Zaken zoeken…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="96"/>
        <source>(no sender)</source>
        <translation>(geen afzender)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="97"/>
        <source>active %1</source>
        <translation>actief %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="102"/>
        <source>Other cases of this customer: %1</source>
        <translation>Andere zaken van deze klant: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="107"/>
        <source>No case matches “%1”.</source>
        <translation>Geen zaak past bij “%1”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="108"/>
        <source>There are no cases yet: the files go into a new case.</source>
        <translation>Er zijn nog geen zaken: de bestanden komen in een nieuwe zaak.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="110"/>
        <source>%n case(s); open and recently active ones first.</source>
        <translation>
            <numerusform>%n zaak; open en recent actieve eerst.</numerusform>
            <numerusform>%n zaken; open en recent actieve eerst.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="122"/>
        <source>%1 also has: %2</source>
        <translation>%1 heeft ook: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="123"/>
        <source>This customer</source>
        <translation>Deze klant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="157"/>
        <source>Import into %1</source>
        <translation>Importeren in %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="157"/>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="170"/>
        <source>into a new case</source>
        <translation>in een nieuwe zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="171"/>
        <source>Looking at the files… (%1)</source>
        <translation>Bestanden bekijken… (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="186"/>
        <source>Stopping… nothing is kept from this import.</source>
        <translation>Stoppen… van deze import wordt niets bewaard.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="196"/>
        <source>%n file(s) processed</source>
        <translation>
            <numerusform>%n bestand verwerkt</numerusform>
            <numerusform>%n bestanden verwerkt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="211"/>
        <source>The import was cancelled. The library is as it was before.</source>
        <translation>De import is afgebroken. De bibliotheek is zoals ze was.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="213"/>
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>%n bestand geïmporteerd.</numerusform>
            <numerusform>%n bestanden geïmporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="215"/>
        <source>%n file(s) were already in the library and were not added again.</source>
        <translation>
            <numerusform>%n bestand stond al in de bibliotheek en is niet opnieuw toegevoegd.</numerusform>
            <numerusform>%n bestanden stonden al in de bibliotheek en zijn niet opnieuw toegevoegd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="218"/>
        <source>Case(s): %1</source>
        <translation>
            <numerusform>Zaak: %1</numerusform>
            <numerusform>Zaken: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="223"/>
        <source>%n file(s) with a problem (see below).</source>
        <translation>
            <numerusform>%n bestand met een probleem (zie hieronder).</numerusform>
            <numerusform>%n bestanden met een probleem (zie hieronder).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="224"/>
        <source>Edit ▸ Undo takes the whole import out again.</source>
        <translation>Bewerken ▸ Ongedaan maken haalt de hele import er weer uit.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="220"/>
        <source>%n file(s) named in the chat were not in the export.</source>
        <translation>
            <numerusform>%n bestand uit de chat zat niet in de export.</numerusform>
            <numerusform>%n bestanden uit de chat zaten niet in de export.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="245"/>
        <source>The import failed and nothing was added:
%1</source>
        <translation>De import is mislukt en er is niets toegevoegd:
%1</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="44"/>
        <location filename="../../desktop/ui/views/import_view.py" line="56"/>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="72"/>
        <source>Where should these files go?</source>
        <translation>Waar moeten deze bestanden heen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="73"/>
        <source>Into one new case</source>
        <translation>In één nieuwe zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="75"/>
        <source>The case is named after the folder or ZIP, else after the capture dates. You can split it by time gaps later (Case menu).</source>
        <translation>De zaak krijgt de naam van de map of ZIP, anders de opnamedata. U kunt hem later splitsen op tijdsprongen (menu Zaak).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="78"/>
        <source>Into a case I choose:</source>
        <translation>In een zaak die ik kies:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="86"/>
        <source>Search reference, title, customer, phone or e-mail…</source>
        <translation>Zoek op kenmerk, titel, klant, telefoon of e-mail…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="98"/>
        <source>Chat exports and e-mails always go to their customer&apos;s case.</source>
        <translation>Chatexports en e-mails gaan altijd naar de zaak van hun klant.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="135"/>
        <source>Files with a problem, and why:</source>
        <translation>Bestanden met een probleem, en waarom:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="139"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="139"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/import_view.py" line="61"/>
        <source>Open case</source>
        <translation>Zaak openen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="47"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="49"/>
        <source>&amp;Redo</source>
        <translation>Opnieuw &amp;doen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="165"/>
        <source>Opened %1: %n item(s) in %2 s</source>
        <translation>
            <numerusform>%1 geopend: %n item in %2 s</numerusform>
            <numerusform>%1 geopend: %n items in %2 s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="211"/>
        <source>Import files</source>
        <translation>Bestanden importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="212"/>
        <source>Photos, videos, chats, e-mails (*.jpg *.jpeg *.png *.heic *.heif *.webp *.mp4 *.mov *.3gp *.opus *.ogg *.m4a *.mp3 *.pdf *.zip *.txt *.eml *.msg);;All files (*)</source>
        <translation>Foto&apos;s, video&apos;s, chats, e-mails (*.jpg *.jpeg *.png *.heic *.heif *.webp *.mp4 *.mov *.3gp *.opus *.ogg *.m4a *.mp3 *.pdf *.zip *.txt *.eml *.msg);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="216"/>
        <source>Import a folder</source>
        <translation>Map importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="219"/>
        <source>Import a chat export</source>
        <translation>Een chatexport importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="220"/>
        <source>WhatsApp chat exports (*.zip *.txt);;All files (*)</source>
        <translation>WhatsApp-chatexports (*.zip *.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="223"/>
        <source>Import e-mails</source>
        <translation>E-mails importeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="223"/>
        <source>E-mails (*.eml *.msg);;All files (*)</source>
        <translation>E-mails (*.eml *.msg);;Alle bestanden (*)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="250"/>
        <source>%n file(s) imported</source>
        <translation>
            <numerusform>%n bestand geïmporteerd</numerusform>
            <numerusform>%n bestanden geïmporteerd</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="287"/>
        <source>Case</source>
        <translation>Zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="292"/>
        <source>Merge %1 into…</source>
        <translation>%1 samenvoegen met…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="306"/>
        <source>Select the first message of the new case in the Messages tab.</source>
        <translation>Kies op het tabblad Berichten het eerste bericht van de nieuwe zaak.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="332"/>
        <source>Move %n item(s) to…</source>
        <translation>
            <numerusform>%n item verplaatsen naar…</numerusform>
            <numerusform>%n items verplaatsen naar…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="347"/>
        <source>About Casedesk</source>
        <translation>Over Casedesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="348"/>
        <source>Casedesk %1
Photos, videos and chats from customers, turned into case files.</source>
        <translation>Casedesk %1
Foto&apos;s, video&apos;s en chats van klanten, omgezet in dossiers.</translation>
    </message>
</context>
<context>
    <name>MainWindowView</name>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="54"/>
        <source>&amp;Import files…</source>
        <translation>Bestanden &amp;importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="55"/>
        <source>Import &amp;folder…</source>
        <translation>&amp;Map importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="56"/>
        <source>Import &amp;chat export…</source>
        <translation>&amp;Chatexport importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="57"/>
        <source>Import &amp;e-mail…</source>
        <translation>&amp;E-mail importeren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="58"/>
        <source>&amp;Export case file (PDF)…</source>
        <translation>Dossier &amp;exporteren (PDF)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="59"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="60"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="61"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="63"/>
        <source>&amp;Merge this case into…</source>
        <translation>Deze zaak &amp;samenvoegen met…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="64"/>
        <source>&amp;Split at the selected message</source>
        <translation>&amp;Splitsen bij het gekozen bericht</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="65"/>
        <source>Split by &amp;time gaps…</source>
        <translation>Splitsen op &amp;tijdsprongen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="66"/>
        <source>M&amp;ove selected media to case…</source>
        <translation>Gekozen media &amp;verplaatsen naar zaak…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="67"/>
        <source>Mark first answer &amp;sent</source>
        <translation>Eerste antwoord &amp;verstuurd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="68"/>
        <source>&amp;Include/exclude selected in report</source>
        <translation>Gekozen items in dossier &amp;op/uit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="69"/>
        <source>&amp;View selected media</source>
        <translation>Gekozen media &amp;bekijken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="70"/>
        <source>&amp;Find case…</source>
        <translation>Zaak &amp;zoeken…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="71"/>
        <source>&amp;About Casedesk</source>
        <translation>&amp;Over Casedesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="75"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="81"/>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="83"/>
        <source>&amp;Case</source>
        <translation>&amp;Zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="87"/>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/main_window_view.py" line="89"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>MediaDelegate</name>
    <message>
        <location filename="../../desktop/ui/views/media_grid_view.py" line="116"/>
        <source>set aside</source>
        <translation>apart gezet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/media_grid_view.py" line="116"/>
        <source>keeper</source>
        <translation>bewaard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/media_grid_view.py" line="121"/>
        <source>not in report</source>
        <translation>niet in dossier</translation>
    </message>
</context>
<context>
    <name>MediaGridModel</name>
    <message>
        <location filename="../../desktop/ui/models/media_grid_model.py" line="152"/>
        <source>Taken %1 (%2)</source>
        <translation>Gemaakt %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/media_grid_model.py" line="155"/>
        <source>Received %1</source>
        <translation>Ontvangen %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/media_grid_model.py" line="157"/>
        <source>Set aside as a duplicate</source>
        <translation>Apart gezet als dubbel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/media_grid_model.py" line="159"/>
        <source>Not in the report</source>
        <translation>Niet in het dossier</translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="33"/>
        <source>Capture time</source>
        <translation>Opnametijd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="34"/>
        <source>Received time</source>
        <translation>Ontvangsttijd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="35"/>
        <source>File name</source>
        <translation>Bestandsnaam</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_panel.py" line="68"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_panel.py" line="70"/>
        <source>%n set aside</source>
        <translation>
            <numerusform>%n apart gezet</numerusform>
            <numerusform>%n apart gezet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_panel.py" line="72"/>
        <source>%n not in report</source>
        <translation>
            <numerusform>%n niet in dossier</numerusform>
            <numerusform>%n niet in dossier</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="74"/>
        <source>Set aside: duplicates kept out of the report, never deleted (Duplicates tab).</source>
        <translation>Apart gezet: duplicaten die buiten het dossier blijven, nooit verwijderd (tabblad Duplicaten).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="131"/>
        <source>View</source>
        <translation>Bekijken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="133"/>
        <source>Include / exclude from the report</source>
        <translation>Op- of uitnemen in het dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_panel.py" line="135"/>
        <source>Move to another case…</source>
        <translation>Naar een andere zaak verplaatsen…</translation>
    </message>
</context>
<context>
    <name>MediaTab</name>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="95"/>
        <source>Hide set aside</source>
        <translation>Apart gezette verbergen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="96"/>
        <source>Hide the duplicates that were set aside</source>
        <translation>De apart gezette dubbele bestanden verbergen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="100"/>
        <source>View</source>
        <translation>Bekijken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="101"/>
        <source>Open the selected item in the viewer (Enter or double-click)</source>
        <translation>Het gekozen item in de viewer openen (Enter of dubbelklik)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="102"/>
        <source>Include in report</source>
        <translation>Opnemen in dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="104"/>
        <source>Put the selected items into the PDF case file, or leave them out when they are all in already (Ctrl+E)</source>
        <translation>De gekozen items in het pdf-dossier opnemen, of weglaten als ze er al allemaal in staan (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="106"/>
        <source>Sort by</source>
        <translation>Sorteren op</translation>
    </message>
</context>
<context>
    <name>MediaViewer</name>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="122"/>
        <source>%1

This file cannot be shown here; it is listed in the report.</source>
        <translation>%1

Dit bestand kan hier niet worden getoond; het staat in het dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="173"/>
        <source>This picture cannot be decoded.</source>
        <translation>Deze foto kan niet worden gelezen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="274"/>
        <source>Pause</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="274"/>
        <source>Play</source>
        <translation>Afspelen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="281"/>
        <source>Playback not available: %1</source>
        <translation>Afspelen niet mogelijk: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="300"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="302"/>
        <source>Taken</source>
        <translation>Gemaakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="302"/>
        <source>source: %1</source>
        <translation>bron: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="304"/>
        <source>Received</source>
        <translation>Ontvangen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="306"/>
        <source>Sent by</source>
        <translation>Verstuurd door</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="308"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="310"/>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="312"/>
        <location filename="../../desktop/ui/media_viewer.py" line="314"/>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="316"/>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="319"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="319"/>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="320"/>
        <source>Copy the coordinates, to paste into a map</source>
        <translation>De coördinaten kopiëren, om in een kaart te plakken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="323"/>
        <source>Turned</source>
        <translation>Gedraaid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="323"/>
        <source>%1° clockwise (for viewing and the PDF; the original is unchanged)</source>
        <translation>%1° met de klok mee (voor het bekijken en het dossier; het origineel blijft ongewijzigd)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="326"/>
        <source>Flag</source>
        <translation>Signaal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="328"/>
        <source>set aside</source>
        <translation>apart gezet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="328"/>
        <source>kept</source>
        <translation>bewaard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="329"/>
        <source>Duplicate</source>
        <translation>Dubbel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="331"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="332"/>
        <source>Case</source>
        <translation>Zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="337"/>
        <source>Copied: %1</source>
        <translation>Gekopieerd: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="360"/>
        <source>No original to read.</source>
        <translation>Geen origineel om te lezen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="362"/>
        <source>Reading…</source>
        <translation>Lezen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="366"/>
        <source>The EXIF data cannot be read.</source>
        <translation>De EXIF-gegevens kunnen niet gelezen worden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_viewer.py" line="374"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/media_viewer.py" line="375"/>
        <source>This file carries no EXIF data (WhatsApp and many apps remove it).</source>
        <translation>Dit bestand bevat geen EXIF-gegevens (WhatsApp en veel apps halen ze weg).</translation>
    </message>
</context>
<context>
    <name>MemberCard</name>
    <message>
        <location filename="../../desktop/ui/views/duplicates_view.py" line="84"/>
        <source>Make keeper</source>
        <translation>Bewaren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/duplicates_view.py" line="86"/>
        <source>Restore</source>
        <translation>Terugzetten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/duplicates_view.py" line="88"/>
        <source>Take this item back into the case and the report</source>
        <translation>Dit item terugnemen in de zaak en het dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/duplicates_view.py" line="89"/>
        <source>View</source>
        <translation>Bekijken</translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <location filename="../../desktop/ui/models/messages_model.py" line="43"/>
        <source>Sent</source>
        <translation>Verstuurd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/messages_model.py" line="43"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models/messages_model.py" line="43"/>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/messages_model.py" line="65"/>
        <source>(%n attachment(s))</source>
        <translation>
            <numerusform>(%n bijlage)</numerusform>
            <numerusform>(%n bijlagen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="134"/>
        <source>Write a note for this case…</source>
        <translation>Schrijf een notitie bij deze zaak…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/case_view.py" line="139"/>
        <source>Add note</source>
        <translation>Notitie toevoegen</translation>
    </message>
</context>
<context>
    <name>OpinionsDialog</name>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="43"/>
        <source>Second opinions on %1</source>
        <translation>Second opinions over %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="50"/>
        <source>Requests on this case</source>
        <translation>Verzoeken over deze zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="52"/>
        <source>Answer the selected request</source>
        <translation>Het gekozen verzoek beantwoorden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="56"/>
        <source>Your opinion, e.g. the damage fits the story; pay the claim</source>
        <translation>Uw oordeel, bv. de schade past bij het verhaal; de claim uitbetalen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="58"/>
        <source>Answer</source>
        <translation>Beantwoorden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="66"/>
        <source>Ask a colleague</source>
        <translation>Een collega vragen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="70"/>
        <source>the colleague&apos;s handler name</source>
        <translation>de behandelaarsnaam van de collega</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="73"/>
        <source>What should they look at? e.g. is photo 3 the same kitchen?</source>
        <translation>Waar moet die naar kijken? bv. is foto 3 dezelfde keuken?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="75"/>
        <source>Ask</source>
        <translation>Vragen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="77"/>
        <source>Colleague</source>
        <translation>Collega</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="78"/>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="104"/>
        <source>%1 asked %2 on %3:</source>
        <translation>%1 vroeg %2 op %3:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="107"/>
        <source>Not answered yet.</source>
        <translation>Nog niet beantwoord.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="109"/>
        <source>%1 answered on %2:</source>
        <translation>%1 antwoordde op %2:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="117"/>
        <source>No second opinion was asked on this case yet.</source>
        <translation>Over deze zaak is nog geen second opinion gevraagd.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="132"/>
        <source>Name the colleague and say what they should look at.</source>
        <translation>Noem de collega en zeg waar die naar moet kijken.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="143"/>
        <source>Asked %1 for a second opinion.</source>
        <translation>%1 om een second opinion gevraagd.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="151"/>
        <source>Choose an open request and write your answer.</source>
        <translation>Kies een open verzoek en schrijf uw antwoord.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/opinions_dialog.py" line="160"/>
        <source>Your answer to %1 is saved.</source>
        <translation>Uw antwoord aan %1 is opgeslagen.</translation>
    </message>
</context>
<context>
    <name>PlayerPage</name>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="108"/>
        <source>Play</source>
        <translation>Afspelen</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../desktop/ui/problems_panel.py" line="22"/>
        <source>&amp;Problems of the last import</source>
        <translation>&amp;Problemen van de laatste import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problems_panel.py" line="30"/>
        <source>Problems of the last import (%1)</source>
        <translation>Problemen van de laatste import (%1)</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <location filename="../../desktop/ui/views/problems_view.py" line="12"/>
        <source>Problems</source>
        <translation>Problemen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/problems_view.py" line="17"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/problems_view.py" line="17"/>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
</context>
<context>
    <name>SendOnDialog</name>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="44"/>
        <source>Send the case file</source>
        <translation>Dossier versturen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="45"/>
        <source>Case file of %1 %2</source>
        <translation>Dossier van %1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="47"/>
        <source>Casedesk writes an e-mail draft with the PDF case file attached and the case reference in the subject. Your mail program opens it: check it, then send it yourself.</source>
        <translation>Casedesk maakt een e-mailconcept met het dossier (PDF) als bijlage en het zaakkenmerk in het onderwerp. Uw mailprogramma opent het: controleer het en verstuur het zelf.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="50"/>
        <source>e.g. claims@insurer.example (you can also fill it in later)</source>
        <translation>bv. schade@verzekeraar.example (u kunt het ook later invullen)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="55"/>
        <source>Ask for more photos</source>
        <translation>Om meer foto&apos;s vragen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="56"/>
        <source>Ask the customer of %1 for more photos</source>
        <translation>De klant van %1 om meer foto&apos;s vragen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="57"/>
        <source>A short, friendly request for an overview photo, close-ups and the type plate or receipt, in the customer&apos;s language. Your mail program opens it: check it, then send it yourself.</source>
        <translation>Een kort, vriendelijk verzoek om een overzichtsfoto, close-ups en het typeplaatje of de aankoopbon, in de taal van de klant. Uw mailprogramma opent het: controleer het en verstuur het zelf.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="61"/>
        <source>the customer&apos;s e-mail address</source>
        <translation>het e-mailadres van de klant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="74"/>
        <source>Save the e-mail draft</source>
        <translation>E-mailconcept opslaan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="75"/>
        <source>E-mail drafts (*.eml)</source>
        <translation>E-mailconcepten (*.eml)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="83"/>
        <source>Choose where to save the draft.</source>
        <translation>Kies waar het concept moet komen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="86"/>
        <source>The customer&apos;s e-mail address is not known: type it in the To field.</source>
        <translation>Het e-mailadres van de klant is niet bekend: typ het in het veld Aan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="102"/>
        <source>Writing the case file and the draft…</source>
        <translation>Dossier en concept worden geschreven…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="109"/>
        <source>Writing the draft…</source>
        <translation>Concept wordt geschreven…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="123"/>
        <source>Stopping…</source>
        <translation>Stoppen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="142"/>
        <source>Draft written: %1</source>
        <translation>Concept gemaakt: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="145"/>
        <source>Draft written: %1
No mail program opened it; open the file from its folder.</source>
        <translation>Concept gemaakt: %1
Geen mailprogramma opende het; open het bestand vanuit de map.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="150"/>
        <source>Cancelled; no draft was written.</source>
        <translation>Geannuleerd; er is geen concept gemaakt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sendon_dialog.py" line="158"/>
        <source>The draft could not be written:
%1</source>
        <translation>Het concept kon niet gemaakt worden:
%1</translation>
    </message>
</context>
<context>
    <name>SendOnView</name>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="43"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="46"/>
        <source>Open the draft in my mail program</source>
        <translation>Het concept openen in mijn mailprogramma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="49"/>
        <source>To</source>
        <translation>Aan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="50"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="51"/>
        <source>Save the draft as</source>
        <translation>Concept opslaan als</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="62"/>
        <source>Write the draft</source>
        <translation>Concept maken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/sendon_view.py" line="65"/>
        <source>Open the draft</source>
        <translation>Concept openen</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="59"/>
        <location filename="../../desktop/ui/settings_dialog.py" line="60"/>
        <source>automatic (%1)</source>
        <translation>automatisch (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="72"/>
        <source>Follow the system</source>
        <translation>Volg het systeem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="79"/>
        <source>Library folder</source>
        <translation>Bibliotheekmap</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="139"/>
        <source>Saving the team&apos;s settings…</source>
        <translation>De teaminstellingen worden opgeslagen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/settings_dialog.py" line="151"/>
        <source>Settings saved; who wrote %n message(s) was decided again.</source>
        <translation>
            <numerusform>Instellingen opgeslagen; van %n bericht is opnieuw bepaald wie het schreef.</numerusform>
            <numerusform>Instellingen opgeslagen; van %n berichten is opnieuw bepaald wie ze schreef.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="157"/>
        <source>Not saved: %1</source>
        <translation>Niet opgeslagen: %1</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="45"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="58"/>
        <source>The organisation&apos;s e-mail addresses, one per line: a mail from one of them is an answer in the customer&apos;s thread.</source>
        <translation>De e-mailadressen van de organisatie, één per regel: een mail van een daarvan is een antwoord in de draad van de klant.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="60"/>
        <source>The organisation&apos;s e-mail domains, one per line (e.g. insurer.example; subdomains included).</source>
        <translation>De e-maildomeinen van de organisatie, één per regel (bv. verzekeraar.example; subdomeinen inbegrepen).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="62"/>
        <source>Names in chats</source>
        <translation>Namen in chats</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="63"/>
        <source>E-mail addresses</source>
        <translation>E-mailadressen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="64"/>
        <source>E-mail domains</source>
        <translation>E-maildomeinen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="65"/>
        <source>In a 1:1 chat the partner named by the export is the customer and everyone else the organisation; these lists refine that. Changing them decides again who wrote every message already imported.</source>
        <translation>In een 1-op-1-chat is de gesprekspartner die de export noemt de klant en iedereen anders de organisatie; deze lijsten verfijnen dat. Wijzigen bepaalt opnieuw wie elk al geïmporteerd bericht schreef.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="68"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="75"/>
        <source>Mon</source>
        <translation>ma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="75"/>
        <source>Tue</source>
        <translation>di</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="75"/>
        <source>Wed</source>
        <translation>wo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="75"/>
        <source>Thu</source>
        <translation>do</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="75"/>
        <source>Fri</source>
        <translation>vr</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="76"/>
        <source>Sat</source>
        <translation>za</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="76"/>
        <source>Sun</source>
        <translation>zo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="90"/>
        <source>to</source>
        <translation>tot</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="98"/>
        <source>none (e.g. BY for Bavaria)</source>
        <translation>geen (bv. BY voor Beieren)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="102"/>
        <source>Extra days the office is closed, one date per line (YYYY-MM-DD).</source>
        <translation>Extra dagen dat het kantoor dicht is, één datum per regel (JJJJ-MM-DD).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="107"/>
        <source> working min</source>
        <translation> werkminuten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="108"/>
        <source>For the first answer and for every later customer message.</source>
        <translation>Voor het eerste antwoord en voor elk later bericht van de klant.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="109"/>
        <source>Working days</source>
        <translation>Werkdagen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="110"/>
        <source>Working hours</source>
        <translation>Werktijden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="111"/>
        <source>Public holidays of</source>
        <translation>Feestdagen van</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="112"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="113"/>
        <source>Time zone</source>
        <translation>Tijdzone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="114"/>
        <source>Office closed on</source>
        <translation>Kantoor dicht op</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="115"/>
        <source>Answer expected within</source>
        <translation>Antwoord verwacht binnen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="116"/>
        <source>Response times count working minutes only; changing the calendar or the norm applies to every case at once.</source>
        <translation>Reactietijden tellen alleen werkminuten; een wijziging van de kalender of de norm geldt meteen voor elke zaak.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="118"/>
        <source>Service hours</source>
        <translation>Openingstijden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="133"/>
        <source> h</source>
        <translation> uur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="134"/>
        <source>The gap in capture times that &apos;Split by time gaps…&apos; proposes.</source>
        <translation>Het gat in opnametijden dat &apos;Splitsen bij tijdsgaten…&apos; voorstelt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="155"/>
        <source>Split by time gaps of</source>
        <translation>Splitsen bij tijdsgaten van</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="156"/>
        <source>Flag photos taken before the incident by</source>
        <translation>Foto&apos;s markeren die zo lang vóór het voorval gemaakt zijn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="159"/>
        <source>Intake</source>
        <translation>Binnenkomst</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="167"/>
        <location filename="../../desktop/ui/views/settings_view.py" line="171"/>
        <source> years after closing</source>
        <translation> jaar na afsluiten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="176"/>
        <source>{prefix}, {year} or {yy}, and the running number {n} (e.g. {n:04d})</source>
        <translation>{prefix}, {year} of {yy}, en het volgnummer {n} (bv. {n:04d})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="179"/>
        <source>Keep claims</source>
        <translation>Schadeclaims bewaren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="180"/>
        <source>Keep complaints</source>
        <translation>Klachten bewaren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="181"/>
        <source>Case number prefix</source>
        <translation>Voorvoegsel zaaknummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="182"/>
        <source>Case number format</source>
        <translation>Opmaak zaaknummer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="183"/>
        <source>Next numbers look like</source>
        <translation>Volgende nummers worden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="184"/>
        <source>Claims are kept 7 years by default (the Dutch fiscal retention period, art. 52 AWR). &apos;casedesk retention&apos; lists closed cases past their period.</source>
        <translation>Schadeclaims worden standaard 7 jaar bewaard (de fiscale bewaarplicht, art. 52 AWR). &apos;casedesk retention&apos; toont afgesloten zaken waarvan de termijn voorbij is.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="186"/>
        <source>Retention and numbers</source>
        <translation>Bewaren en nummers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="201"/>
        <source>Library location and language take effect when Casedesk starts again. The case file (PDF) and e-mail drafts are written in this language unless you choose another one when exporting.</source>
        <translation>Bibliotheeklocatie en taal gaan in wanneer Casedesk opnieuw start. Het dossier (PDF) en e-mailconcepten worden in deze taal geschreven, tenzij u bij het exporteren een andere kiest.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="205"/>
        <source>This desk</source>
        <translation>Deze werkplek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="207"/>
        <source>The first four tabs are the team&apos;s settings, shared by every desk on this library.</source>
        <translation>De eerste vier tabbladen zijn de instellingen van het team, gedeeld door elke werkplek op deze bibliotheek.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="55"/>
        <source>The names your team uses in chats, one per line. Messages from these senders are answers, not customer messages.</source>
        <translation>De namen die uw team in chats gebruikt, één per regel. Berichten van deze afzenders zijn antwoorden, geen klantberichten.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="129"/>
        <location filename="../../desktop/ui/views/settings_view.py" line="138"/>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="153"/>
        <source>Default phone region</source>
        <translation>Standaard telefoonregio</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="154"/>
        <source>New case after a silence of</source>
        <translation>Nieuwe zaak na een stilte van</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="144"/>
        <source>Higher finds more re-sized, re-compressed or cropped copies, and risks calling different pictures the same.</source>
        <translation>Hoger vindt meer verkleinde, opnieuw gecomprimeerde of bijgesneden kopieën, maar kan verschillende foto&apos;s voor dezelfde houden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="151"/>
        <source>Lower groups more burst shots as similar (shown for review, never set aside).</source>
        <translation>Lager groepeert meer serieopnamen als gelijkend (ter beoordeling, nooit apart gezet).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="157"/>
        <source>Same picture: tolerance</source>
        <translation>Zelfde foto: tolerantie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="158"/>
        <source>Similar (burst): correlation at least</source>
        <translation>Gelijkend (serie): correlatie minstens</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="194"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="199"/>
        <source>Library location</source>
        <translation>Locatie van de bibliotheek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/settings_view.py" line="200"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
</context>
<context>
    <name>SplitGapsDialog</name>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="29"/>
        <source>%1 · %2: the photos are cut into parts wherever two capture times are further apart than the gap. The first part stays in this case; each other part becomes a new case of the same customer. Edit ▸ Undo puts everything back.</source>
        <translation>%1 · %2: de foto&apos;s worden in delen geknipt waar twee opnametijden verder uit elkaar liggen dan de sprong. Het eerste deel blijft in deze zaak; elk ander deel wordt een nieuwe zaak van dezelfde klant. Bewerken ▸ Ongedaan maken zet alles terug.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="50"/>
        <source>Working out the parts…</source>
        <translation>De delen bepalen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="61"/>
        <source>capture date unknown</source>
        <translation>opnamedatum onbekend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="63"/>
        <source>stays in %1</source>
        <translation>blijft in %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="63"/>
        <source>a new case</source>
        <translation>een nieuwe zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="67"/>
        <source>No gap that long between the capture times: nothing to split. Try fewer hours.</source>
        <translation>Geen zo lange sprong tussen de opnametijden: er valt niets te splitsen. Probeer minder uren.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="70"/>
        <source>%n new case(s) would be made.</source>
        <translation>
            <numerusform>Er zou %n nieuwe zaak komen.</numerusform>
            <numerusform>Er zouden %n nieuwe zaken komen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="72"/>
        <source>Split into %n case(s)</source>
        <translation>
            <numerusform>Splitsen in %n zaak</numerusform>
            <numerusform>Splitsen in %n zaken</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="72"/>
        <source>Split</source>
        <translation>Splitsen</translation>
    </message>
</context>
<context>
    <name>SplitGapsView</name>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="26"/>
        <source>Split by time gaps</source>
        <translation>Splitsen op tijdsprongen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="39"/>
        <source> hours</source>
        <translation> uur</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="41"/>
        <source>Split where two photos are more than</source>
        <translation>Splitsen waar twee foto&apos;s meer dan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="49"/>
        <source>Part</source>
        <translation>Deel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="49"/>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="49"/>
        <source>Taken</source>
        <translation>Gemaakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="49"/>
        <source>Goes to</source>
        <translation>Gaat naar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/split_gaps_view.py" line="60"/>
        <source>Split</source>
        <translation>Splitsen</translation>
    </message>
</context>
<context>
    <name>ViewerView</name>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="129"/>
        <source>◀ Previous</source>
        <translation>◀ Vorige</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="131"/>
        <source>Next ▶</source>
        <translation>Volgende ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="135"/>
        <source>Fit</source>
        <translation>Passend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="137"/>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="139"/>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="142"/>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="145"/>
        <source>⟲ Turn left</source>
        <translation>⟲ Naar links draaien</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="148"/>
        <source>Turn a quarter to the left, here and in the PDF; the original is not changed (Shift+R)</source>
        <translation>Een kwartslag naar links draaien, hier en in het dossier; het origineel blijft ongewijzigd (Shift+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="150"/>
        <source>⟳ Turn right</source>
        <translation>⟳ Naar rechts draaien</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="153"/>
        <source>Turn a quarter to the right, here and in the PDF; the original is not changed (R)</source>
        <translation>Een kwartslag naar rechts draaien, hier en in het dossier; het origineel blijft ongewijzigd (R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="159"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="188"/>
        <source>Caption for the report</source>
        <translation>Onderschrift voor het dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="191"/>
        <source>e.g. water damage under the sink</source>
        <translation>bijv. waterschade onder de gootsteen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="193"/>
        <source>Include in the report</source>
        <translation>Opnemen in het dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="201"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="207"/>
        <source>Filter tags…</source>
        <translation>Tags filteren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="212"/>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="212"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="212"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/views/viewer_view.py" line="228"/>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="51"/>
        <source>&amp;Compare the two selected items</source>
        <translation>De twee gekozen items &amp;vergelijken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="53"/>
        <source>Send case &amp;file…</source>
        <translation>&amp;Dossier versturen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="54"/>
        <source>Ask for more &amp;photos…</source>
        <translation>Om meer &amp;foto&apos;s vragen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="55"/>
        <source>Second &amp;opinions…</source>
        <translation>Second &amp;opinions…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="56"/>
        <source>&amp;History…</source>
        <translation>&amp;Geschiedenis…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="57"/>
        <source>&amp;Export data…</source>
        <translation>Gegevens &amp;exporteren…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="58"/>
        <source>E&amp;rase…</source>
        <translation>&amp;Wissen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="61"/>
        <source>&amp;Case</source>
        <translation>&amp;Zaak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="68"/>
        <source>C&amp;ustomer</source>
        <translation>&amp;Klant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="113"/>
        <source>Select two items in the grid to compare them (Ctrl+click the second one).</source>
        <translation>Kies twee items in het raster om ze te vergelijken (Ctrl+klik op het tweede).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="124"/>
        <source>E-mail draft written</source>
        <translation>E-mailconcept gemaakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="182"/>
        <source>Changed by someone else</source>
        <translation>Door iemand anders gewijzigd</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_actions.py" line="183"/>
        <source>Someone else saved this case while you were editing it. Your change was not saved; the case now shows what is stored. Make your change again if it is still needed.</source>
        <translation>Iemand anders heeft deze zaak opgeslagen terwijl u eraan werkte. Uw wijziging is niet opgeslagen; de zaak toont nu wat is opgeslagen. Breng uw wijziging opnieuw aan als die nog nodig is.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="140"/>
        <source>Opening the library in %1…</source>
        <translation>Bibliotheek openen in %1…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="43"/>
        <source>Casedesk</source>
        <translation>Casedesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="44"/>
        <source>This could not be done:</source>
        <translation>Dit kon niet worden uitgevoerd:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="44"/>
        <source>Something went wrong:</source>
        <translation>Er ging iets mis:</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../desktop/ui/labels.py" line="51"/>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="90"/>
        <source>%n min</source>
        <translation>%n min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="93"/>
        <source>%1 h %2 min</source>
        <translation>%1 u %2 min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="94"/>
        <source>%n d</source>
        <translation>%n d</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="26"/>
        <source>truncated JPEG (the end of the file is blank)</source>
        <translation>afgebroken JPEG (het einde van het bestand is leeg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="27"/>
        <source>truncated %1</source>
        <translation>afgebroken %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="28"/>
        <source>damaged %1 picture (cannot be opened)</source>
        <translation>beschadigde %1-foto (kan niet worden geopend)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="29"/>
        <source>damaged %1 picture (%2)</source>
        <translation>beschadigde %1-foto (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="30"/>
        <source>unreadable %1 (%2)</source>
        <translation>onleesbare %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="31"/>
        <source>not a picture: %1</source>
        <translation>geen foto: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="32"/>
        <source>not a video: %1</source>
        <translation>geen video: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="33"/>
        <source>not a sound recording: %1</source>
        <translation>geen geluidsopname: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="34"/>
        <source>not a PDF: %1</source>
        <translation>geen pdf: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="35"/>
        <source>the file is text</source>
        <translation>het bestand is tekst</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="36"/>
        <source>the file is blank (only zero bytes)</source>
        <translation>het bestand is leeg (alleen nulbytes)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="37"/>
        <source>the file is a ZIP archive</source>
        <translation>het bestand is een ZIP-archief</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="38"/>
        <source>unrecognised file content</source>
        <translation>onbekende bestandsinhoud</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="39"/>
        <source>empty file</source>
        <translation>leeg bestand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="40"/>
        <source>not found</source>
        <translation>niet gevonden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="41"/>
        <source>folder cannot be read (%1)</source>
        <translation>map kan niet worden gelezen (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="42"/>
        <source>cannot be read (%1)</source>
        <translation>kan niet worden gelezen (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="43"/>
        <source>cannot be extracted (%1)</source>
        <translation>kan niet worden uitgepakt (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="44"/>
        <source>e-mail cannot be read (%1)</source>
        <translation>e-mail kan niet worden gelezen (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="45"/>
        <source>chat cannot be read (%1)</source>
        <translation>chat kan niet worden gelezen (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="46"/>
        <source>ZIP entry escapes the archive; not extracted</source>
        <translation>ZIP-onderdeel wijst buiten het archief; niet uitgepakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="47"/>
        <source>encrypted ZIP entry; cannot be read</source>
        <translation>versleuteld ZIP-onderdeel; kan niet worden gelezen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="48"/>
        <source>skipped: not a regular file (link or device)</source>
        <translation>overgeslagen: geen gewoon bestand (koppeling of apparaat)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="50"/>
        <source>skipped: broken symbolic link (its target does not exist)</source>
        <translation>overgeslagen: kapotte symbolische koppeling (het doel bestaat niet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="51"/>
        <source>skipped: a folder, not a file</source>
        <translation>overgeslagen: een map, geen bestand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="52"/>
        <source>skipped: %1</source>
        <translation>overgeslagen: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="53"/>
        <source>named in the chat but missing from the export</source>
        <translation>genoemd in de chat maar niet in de export</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="55"/>
        <source>picture format cannot be shown (camera raw or unusual TIFF)</source>
        <translation>fotoformaat kan niet worden getoond (camera-raw of ongewone TIFF)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="56"/>
        <source>%1 pictures cannot be shown</source>
        <translation>%1-foto&apos;s kunnen niet worden getoond</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="58"/>
        <source>the e-mail&apos;s date (%1) lies in the future: %2</source>
        <translation>de datum van de e-mail (%1) ligt in de toekomst: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="60"/>
        <source>the e-mail&apos;s date (%1) is before e-mail existed: %2</source>
        <translation>de datum van de e-mail (%1) ligt vóór het bestaan van e-mail: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="62"/>
        <source>the time the mail server received it is used (%1)</source>
        <translation>het tijdstip waarop de mailserver hem ontving is gebruikt (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="63"/>
        <source>the message has no time</source>
        <translation>het bericht heeft geen tijdstip</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="65"/>
        <source>damaged e-mail: the file ends inside its headers (it was probably cut short)</source>
        <translation>beschadigde e-mail: het bestand eindigt midden in de kopregels (waarschijnlijk afgebroken)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/problem_text.py" line="86"/>
        <source>%1 (kept as it arrived)</source>
        <translation>%1 (bewaard zoals ontvangen)</translation>
    </message>
</context>
</TS>
