<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseListController</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/case_list.py" line="138" />
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="182" />
        <location filename="../../desktop/ui/models/case_list_model.py" line="207" />
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="183" />
        <source>%n set aside as duplicates</source>
        <translation>
            <numerusform>%n set aside as duplicates</numerusform>
            <numerusform>%n set aside as duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="208" />
        <source>%n set aside</source>
        <translation>
            <numerusform>%n set aside</numerusform>
            <numerusform>%n set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/case_list_model.py" line="233" />
        <source>%n alert(s): the same picture is in another case</source>
        <translation>
            <numerusform>%n alert: the same picture is in another case</numerusform>
            <numerusform>%n alerts: the same picture is in another case</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/case_panel.py" line="189" />
        <source>⚠ %n alert(s)</source>
        <translation>
            <numerusform>⚠ %n alert</numerusform>
            <numerusform>⚠ %n alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DupGroupsModel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/dup_groups_model.py" line="81" />
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
    <message numerus="yes">
        <location filename="../../desktop/ui/duplicates_panel.py" line="68" />
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/duplicates_panel.py" line="69" />
        <source>%n item(s) set aside</source>
        <translation>
            <numerusform>%n item set aside</numerusform>
            <numerusform>%n items set aside</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="38" />
        <source>%n photo(s) per page</source>
        <translation>
            <numerusform>%n photo per page</numerusform>
            <numerusform>%n photos per page</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="158" />
        <source>%n original(s) could not be read: the PDF shows a placeholder and names them on the cover.</source>
        <translation>
            <numerusform>%n original could not be read: the PDF shows a placeholder and names them on the cover.</numerusform>
            <numerusform>%n originals could not be read: the PDF shows a placeholder and names them on the cover.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="174" />
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/export_dialog.py" line="175" />
        <source>Not exported: %n original(s) cannot be read from the store of originals:</source>
        <translation>
            <numerusform>Not exported: %n original cannot be read from the store of originals:</numerusform>
            <numerusform>Not exported: %n originals cannot be read from the store of originals:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="110" />
        <source>%n case(s); open and recently active ones first.</source>
        <translation>
            <numerusform>%n case; open and recently active ones first.</numerusform>
            <numerusform>%n cases; open and recently active ones first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="196" />
        <source>%n file(s) processed</source>
        <translation>
            <numerusform>%n file processed</numerusform>
            <numerusform>%n files processed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="213" />
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>%n file imported.</numerusform>
            <numerusform>%n files imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="215" />
        <source>%n file(s) were already in the library and were not added again.</source>
        <translation>
            <numerusform>%n file were already in the library and were not added again.</numerusform>
            <numerusform>%n files were already in the library and were not added again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="218" />
        <source>Case(s): %1</source>
        <translation>
            <numerusform>Case: %1</numerusform>
            <numerusform>Cases: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="220" />
        <source>%n file(s) named in the chat were not in the export.</source>
        <translation>
            <numerusform>%n file named in the chat were not in the export.</numerusform>
            <numerusform>%n files named in the chat were not in the export.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/import_dialog.py" line="223" />
        <source>%n file(s) with a problem (see below).</source>
        <translation>
            <numerusform>%n file with a problem (see below).</numerusform>
            <numerusform>%n files with a problem (see below).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="165" />
        <source>Opened %1: %n item(s) in %2 s</source>
        <translation>
            <numerusform>Opened %1: %n item in %2 s</numerusform>
            <numerusform>Opened %1: %n items in %2 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="250" />
        <source>%n file(s) imported</source>
        <translation>
            <numerusform>%n file imported</numerusform>
            <numerusform>%n files imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="332" />
        <source>Move %n item(s) to…</source>
        <translation>
            <numerusform>Move %n item to…</numerusform>
            <numerusform>Move %n items to…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_panel.py" line="68" />
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_panel.py" line="70" />
        <source>%n set aside</source>
        <translation>
            <numerusform>%n set aside</numerusform>
            <numerusform>%n set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_panel.py" line="72" />
        <source>%n not in report</source>
        <translation>
            <numerusform>%n not in report</numerusform>
            <numerusform>%n not in report</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaViewer</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/media_viewer.py" line="374" />
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/models/messages_model.py" line="65" />
        <source>(%n attachment(s))</source>
        <translation>
            <numerusform>(%n attachment)</numerusform>
            <numerusform>(%n attachments)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/settings_dialog.py" line="151" />
        <source>Settings saved; who wrote %n message(s) was decided again.</source>
        <translation>
            <numerusform>Settings saved; who wrote %n message was decided again.</numerusform>
            <numerusform>Settings saved; who wrote %n messages was decided again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SplitGapsDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="70" />
        <source>%n new case(s) would be made.</source>
        <translation>
            <numerusform>%n new case would be made.</numerusform>
            <numerusform>%n new cases would be made.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/split_gaps_dialog.py" line="72" />
        <source>Split into %n case(s)</source>
        <translation>
            <numerusform>Split into %n case</numerusform>
            <numerusform>Split into %n cases</numerusform>
        </translation>
    </message>
</context>
</TS>