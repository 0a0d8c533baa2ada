<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de">
<context>
    <name>ColorMap</name>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis</source>
        <translation>Cividis</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
</context>
<context>
    <name>ModelSet</name>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>No default model is installed.</source>
        <translation>Es ist kein Standardmodell installiert.</translation>
    </message>
    <message>
        <source>%1 (%2), %3 parameters</source>
        <translation>%1 (%2), %3 Parameter</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Klassen:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>How it was trained:</source>
        <translation>Wie es trainiert wurde:</translation>
    </message>
    <message>
        <source>Evaluation:</source>
        <translation>Bewertung:</translation>
    </message>
</context>
<context>
    <name>ViewKind</name>
    <message>
        <source>Spectrogram (linear STFT)</source>
        <translation>Spektrogramm (lineare STFT)</translation>
    </message>
    <message>
        <source>Log-mel, 128 bands</source>
        <translation>Log-Mel, 128 Bänder</translation>
    </message>
    <message>
        <source>Log-mel, 96 bands</source>
        <translation>Log-Mel, 96 Bänder</translation>
    </message>
    <message>
        <source>Multi-resolution mel: 25 ms</source>
        <translation>Mehrfachauflösendes Mel: 25 ms</translation>
    </message>
    <message>
        <source>Multi-resolution mel: 50 ms</source>
        <translation>Mehrfachauflösendes Mel: 50 ms</translation>
    </message>
    <message>
        <source>Multi-resolution mel: 100 ms</source>
        <translation>Mehrfachauflösendes Mel: 100 ms</translation>
    </message>
    <message>
        <source>Multi-resolution mel: RGB composite</source>
        <translation>Mehrfachauflösendes Mel: RGB-Komposit</translation>
    </message>
    <message>
        <source>MFCC (20)</source>
        <translation>MFCC (20)</translation>
    </message>
    <message>
        <source>Chroma</source>
        <translation>Chroma</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::AboutDialog</name>
    <message>
        <source>About Genrescope</source>
        <translation>Über Genrescope</translation>
    </message>
    <message>
        <source>A workbench for music genre classification: see what a model hears, train and compare models, and measure how good they really are.</source>
        <translation>Eine Werkbank für die Klassifikation von Musikgenres: sehen, was ein Modell hört, Modelle trainieren und vergleichen und messen, wie gut sie wirklich sind.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::AnalysisView</name>
    <message>
        <source>%1   amplitude %2</source>
        <translation>%1   Amplitude %2</translation>
    </message>
    <message>
        <source>   %1 Hz</source>
        <translation>   %1 Hz</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::AudioPlayer</name>
    <message>
        <source>No audio output device was found; playback is off.</source>
        <translation>Kein Audioausgabegerät gefunden; die Wiedergabe ist aus.</translation>
    </message>
    <message>
        <source>The audio output stopped with an error (code %1).</source>
        <translation>Die Audioausgabe wurde mit einem Fehler beendet (Code %1).</translation>
    </message>
    <message>
        <source>The audio output could not be opened.</source>
        <translation>Die Audioausgabe konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::MainWindow</name>
    <message>
        <source>%1 does not exist (any more). Check the path.</source>
        <translation>%1 existiert nicht (mehr). Bitte den Pfad prüfen.</translation>
    </message>
    <message>
        <source>%1 is a folder, not an audio file.</source>
        <translation>%1 ist ein Ordner, keine Audiodatei.</translation>
    </message>
    <message>
        <source>You do not have permission to read %1.</source>
        <translation>Sie haben keine Berechtigung, %1 zu lesen.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 is not an audio file Genrescope can read. Try another file.</source>
        <translation>%1 ist keine Audiodatei, die Genrescope lesen kann. Versuchen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>%1 has no audio track.</source>
        <translation>%1 hat keine Tonspur.</translation>
    </message>
    <message>
        <source>The audio format of %1 is not supported by this FFmpeg build.</source>
        <translation>Das Audioformat von %1 wird von dieser FFmpeg-Version nicht unterstützt.</translation>
    </message>
    <message>
        <source>%1 is damaged: no audio could be decoded from it.</source>
        <translation>%1 ist beschädigt: Es konnte kein Audio dekodiert werden.</translation>
    </message>
    <message>
        <source>%1 contains no audio samples.</source>
        <translation>%1 enthält keine Audio-Samples.</translation>
    </message>
    <message>
        <source>%1 is too long to analyse as a whole.</source>
        <translation>%1 ist zu lang, um als Ganzes analysiert zu werden.</translation>
    </message>
    <message>
        <source>%1 could not be analysed.</source>
        <translation>%1 konnte nicht analysiert werden.</translation>
    </message>
    <message>
        <source>Genrescope</source>
        <translation>Genrescope</translation>
    </message>
    <message>
        <source>Drop an audio file here, or use File &gt; Open.</source>
        <translation>Audiodatei hierher ziehen oder Datei &gt; Öffnen verwenden.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the analysis</source>
        <translation>Analyse anhalten</translation>
    </message>
    <message>
        <source>Analysis cancelled</source>
        <translation>Analyse abgebrochen</translation>
    </message>
    <message>
        <source>Analysing...</source>
        <translation>Analysiere …</translation>
    </message>
    <message>
        <source>%1   %2   %3, %4 Hz, %5 ch, %6 s</source>
        <translation>%1   %2   %3, %4 Hz, %5 Kan., %6 s</translation>
    </message>
    <message>
        <source>Damaged file: only part of it could be decoded</source>
        <translation>Beschädigte Datei: nur ein Teil konnte dekodiert werden</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Export View...</source>
        <translation>Ansicht &amp;exportieren …</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Go to Start</source>
        <translation>Zum Anfang</translation>
    </message>
    <message>
        <source>Go to End</source>
        <translation>Zum Ende</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Show Whole Song</source>
        <translation>Ganzes Stück zeigen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Scroll Left</source>
        <translation>Nach links blättern</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Nach rechts blättern</translation>
    </message>
    <message>
        <source>What the Model Sees...</source>
        <translation>Was das Modell sieht …</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Show the exact input tensor a model's feature recipe makes of this song</source>
        <translation>Den genauen Eingabetensor zeigen, den das Merkmalsrezept eines Modells aus diesem Stück macht</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Genrescope</source>
        <translation>Ü&amp;ber Genrescope</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source> Colours:</source>
        <translation> Farben:</translation>
    </message>
    <message>
        <source> Range:</source>
        <translation> Bereich:</translation>
    </message>
    <message>
        <source>Lowest value shown (dB for spectra)</source>
        <translation>Kleinster angezeigter Wert (dB bei Spektren)</translation>
    </message>
    <message>
        <source>Highest value shown (dB for spectra)</source>
        <translation>Größter angezeigter Wert (dB bei Spektren)</translation>
    </message>
    <message>
        <source> FFT:</source>
        <translation> FFT:</translation>
    </message>
    <message>
        <source> Hop:</source>
        <translation> Schritt:</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>(keine zuletzt geöffneten Dateien)</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open Audio File</source>
        <translation>Audiodatei öffnen</translation>
    </message>
    <message>
        <source>Audio files (%1);;All files (*)</source>
        <translation>Audiodateien (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open %1: the file does not exist.</source>
        <translation>%1 kann nicht geöffnet werden: Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>%1   %2</source>
        <translation>%1   %2</translation>
    </message>
    <message>
        <source>%1 - Genrescope</source>
        <translation>%1 – Genrescope</translation>
    </message>
    <message>
        <source>Export View</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>The view could not be written to %1.</source>
        <translation>Die Ansicht konnte nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Genrescope analysis view</source>
        <translation>Genrescope-Analyseansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>The language changes when Genrescope is started again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Genrescope.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Vorhersagen</translation>
    </message>
    <message>
        <source>Export &amp;Predictions...</source>
        <translation>&amp;Vorhersagen exportieren …</translation>
    </message>
    <message>
        <source>&amp;Load Model...</source>
        <translation>Modell &amp;laden …</translation>
    </message>
    <message>
        <source>No model is loaded: load one to see genre predictions.</source>
        <translation>Kein Modell geladen: Laden Sie eines, um Genre-Vorhersagen zu sehen.</translation>
    </message>
    <message>
        <source>Every model is switched off.</source>
        <translation>Alle Modelle sind ausgeschaltet.</translation>
    </message>
    <message>
        <source>%1 is not a model Genrescope can use.</source>
        <translation>%1 ist kein Modell, das Genrescope verwenden kann.</translation>
    </message>
    <message>
        <source>Load Model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <source>Models (*.gsm *.pt *.pth);;All files (*)</source>
        <translation>Modelle (*.gsm *.pt *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>There are no predictions to export yet.</source>
        <translation>Es gibt noch keine Vorhersagen zum Exportieren.</translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation>Vorhersagen exportieren</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV-Tabelle (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>The predictions could not be written to %1.</source>
        <translation>Die Vorhersagen konnten nicht nach %1 geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ModelInputDialog</name>
    <message>
        <source>What the Model Sees</source>
        <translation>Was das Modell sieht</translation>
    </message>
    <message>
        <source>Feature recipe:</source>
        <translation>Merkmalsrezept:</translation>
    </message>
    <message>
        <source>Item (segment, piece):</source>
        <translation>Element (Segment, Stück):</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Kanal:</translation>
    </message>
    <message>
        <source>FeatureConfig (stored in every model bundle):</source>
        <translation>FeatureConfig (in jedem Modellbündel gespeichert):</translation>
    </message>
    <message>
        <source>Computing...</source>
        <translation>Berechne …</translation>
    </message>
    <message>
        <source>   item %1 covers %2 s to %3 s</source>
        <translation>   Element %1 umfasst %2 s bis %3 s</translation>
    </message>
    <message>
        <source>Input tensor %1 (items first)%2. Values from %3 to %4, before the model's own normalisation. Rows: %5, columns: time.</source>
        <translation>Eingabetensor %1 (Elemente zuerst)%2. Werte von %3 bis %4, vor der modelleigenen Normalisierung. Zeilen: %5, Spalten: Zeit.</translation>
    </message>
    <message>
        <source>bands (the model reads time x bands)</source>
        <translation>Bänder (das Modell liest Zeit × Bänder)</translation>
    </message>
    <message>
        <source>bands</source>
        <translation>Bänder</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ModelPanel</name>
    <message>
        <source>Load Model...</source>
        <translation>Modell laden …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>&lt;p&gt;No model is loaded. Load a Genrescope model bundle (.gsm) or a TorchScript model (.pt with its .json sidecar) to see genre predictions.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Kein Modell geladen. Laden Sie ein Genrescope-Modellbündel (.gsm) oder ein TorchScript-Modell (.pt mit seiner .json-Begleitdatei), um Genre-Vorhersagen zu sehen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::PredictionPanel</name>
    <message>
        <source>Mean probability</source>
        <translation>Mittlere Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Majority vote</source>
        <translation>Mehrheitsentscheid</translation>
    </message>
    <message>
        <source>Vote with threshold</source>
        <translation>Mehrheit mit Schwelle</translation>
    </message>
    <message>
        <source>Geometric mean</source>
        <translation>Geometrisches Mittel</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Song rule:</source>
        <translation>Regel für das Stück:</translation>
    </message>
    <message>
        <source>Per model:</source>
        <translation>Je Modell:</translation>
    </message>
    <message>
        <source>Drop a song to see what the models say.</source>
        <translation>Ziehen Sie ein Stück hierher, um zu sehen, was die Modelle sagen.</translation>
    </message>
    <message numerus="yes">
        <source>Classifying... %n segment(s) so far</source>
        <translation><numerusform>Klassifiziere … bisher %n Segment</numerusform><numerusform>Klassifiziere … bisher %n Segmente</numerusform></translation>
    </message>
    <message>
        <source>(rejected)</source>
        <translation>(abgelehnt)</translation>
    </message>
    <message>
        <source>no decision</source>
        <translation>keine Entscheidung</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n segment(s), %2 ms</source>
        <translation><numerusform>%1: %n Segment, %2 ms</numerusform><numerusform>%1: %n Segmente, %2 ms</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 models agree on %3</source>
        <translation>%1 von %2 Modellen sind sich einig: %3</translation>
    </message>
    <message>
        <source>Bars show each genre's share of the segment votes.</source>
        <translation>Die Balken zeigen den Anteil jedes Genres an den Segmentstimmen.</translation>
    </message>
    <message>
        <source>The file is damaged; these results cover the part that decoded.</source>
        <translation>Die Datei ist beschädigt; die Ergebnisse gelten für den dekodierten Teil.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::SegmentTimelineView</name>
    <message>
        <source>%1, segment %2 (%3-%4 s): %5</source>
        <translation>%1, Segment %2 (%3–%4 s): %5</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::WaveformView</name>
    <message>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Music genre classification workbench</source>
        <translation>Werkbank für Musikgenre-Klassifikation</translation>
    </message>
    <message>
        <source>Audio file to open</source>
        <translation>Zu öffnende Audiodatei</translation>
    </message>
    <message>
        <source>User interface language: %1 (default: the saved setting, else the system's)</source>
        <translation>Sprache der Oberfläche: %1 (Standard: die gespeicherte Einstellung, sonst die des Systems)</translation>
    </message>
</context>
</TS>