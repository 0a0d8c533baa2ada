<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ModelCard</name>
    <message numerus="yes">
        <source>%n pieces of %1 frames</source>
        <translation><numerusform>%n piece of %1 frames</numerusform><numerusform>%n pieces of %1 frames</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n songs</source>
        <translation><numerusform>%n song</numerusform><numerusform>%n songs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable files left out</source>
        <translation><numerusform>%n unreadable file left out</numerusform><numerusform>%n unreadable files left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n epochs</source>
        <translation><numerusform>%n epoch</numerusform><numerusform>%n epochs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>mean ± standard deviation over %n test folds</source>
        <translation><numerusform>mean ± standard deviation over %n test fold</numerusform><numerusform>mean ± standard deviation over %n test folds</numerusform></translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ComparisonView</name>
    <message numerus="yes">
        <source>%n song(s) compared</source>
        <translation><numerusform>%n song compared</numerusform><numerusform>%n songs compared</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped</source>
        <translation><numerusform>%n file skipped</numerusform><numerusform>%n files skipped</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n matrix file(s) written next to %1.</source>
        <translation><numerusform>%n matrix file written next to %1.</numerusform><numerusform>%n matrix files written next to %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>genrescope::ui::PredictionPanel</name>
    <message numerus="yes">
        <source>Classifying... %n segments so far</source>
        <translation><numerusform>Classifying... %n segment so far</numerusform><numerusform>Classifying... %n segments so far</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n segments, %2 ms</source>
        <translation><numerusform>%1: %n segment, %2 ms</numerusform><numerusform>%1: %n segments, %2 ms</numerusform></translation>
    </message>
</context>
<context>
    <name>genrescope::ui::TrainingView</name>
    <message numerus="yes">
        <source>Feature table: %n row(s)</source>
        <translation><numerusform>Feature table: %n row</numerusform><numerusform>Feature table: %n rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation><numerusform>%n class</numerusform><numerusform>%n classes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n feature column(s)</source>
        <translation><numerusform>%n feature column</numerusform><numerusform>%n feature columns</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n audio file(s)</source>
        <translation><numerusform>%n audio file</numerusform><numerusform>%n audio files</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation><numerusform>%n left out</numerusform><numerusform>%n left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Features ready: %n song(s)</source>
        <translation><numerusform>Features ready: %n song</numerusform><numerusform>Features ready: %n songs</numerusform></translation>
    </message>
</context>
</TS>