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
    <name>GenreNames</name>
    <message>
        <source>Blues</source>
        <translation>Blues</translation>
    </message>
    <message>
        <source>Classical</source>
        <translation>Klassik</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Disco</source>
        <translation>Disco</translation>
    </message>
    <message>
        <source>Hip-hop</source>
        <translation>Hip-Hop</translation>
    </message>
    <message>
        <source>Jazz</source>
        <translation>Jazz</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>Metal</translation>
    </message>
    <message>
        <source>Pop</source>
        <translation>Pop</translation>
    </message>
    <message>
        <source>Reggae</source>
        <translation>Reggae</translation>
    </message>
    <message>
        <source>Rock</source>
        <translation>Rock</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>Trainingsdaten</translation>
    </message>
    <message>
        <source>Training recipe</source>
        <translation>Trainingsrezept</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht festgehalten</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>%1 statistics of the frames</source>
        <translation>%1 Statistiken der Frames</translation>
    </message>
    <message>
        <source>multi-resolution mel, %1 bands, %2 resolutions</source>
        <translation>mehrfachauflösendes Mel, %1 Bänder, %2 Auflösungen</translation>
    </message>
    <message>
        <source>mel, %1 bands</source>
        <translation>Mel, %1 Bänder</translation>
    </message>
    <message>
        <source>MFCC, %1 coefficients</source>
        <translation>MFCC, %1 Koeffizienten</translation>
    </message>
    <message>
        <source>chroma, %1 pitch classes</source>
        <translation>Chroma, %1 Tonklassen</translation>
    </message>
    <message>
        <source>FFT %1, hop %2</source>
        <translation>FFT %1, Schritt %2</translation>
    </message>
    <message>
        <source>log: %1</source>
        <translation>Logarithmus: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n pieces of %1 frames</source>
        <translation><numerusform>%n Stück von %1 Frames</numerusform><numerusform>%n Stücke von je %1 Frames</numerusform></translation>
    </message>
    <message>
        <source>segments of %1 s</source>
        <translation>Segmente von %1 s</translation>
    </message>
    <message>
        <source> every %1 s</source>
        <translation> alle %1 s</translation>
    </message>
    <message>
        <source>the whole song as one item</source>
        <translation>das ganze Stück als ein Element</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>Eingabe %1</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Second input</source>
        <translation>Zweite Eingabe</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Klassen</translation>
    </message>
    <message numerus="yes">
        <source>%n songs</source>
        <translation><numerusform>%n Stück</numerusform><numerusform>%n Stücke</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable files left out</source>
        <translation><numerusform>%n unlesbare Datei ausgelassen</numerusform><numerusform>%n unlesbare Dateien ausgelassen</numerusform></translation>
    </message>
    <message>
        <source>Trained on</source>
        <translation>Trainiert auf</translation>
    </message>
    <message>
        <source>optimiser %1</source>
        <translation>Optimierer %1</translation>
    </message>
    <message>
        <source>learning rate %1</source>
        <translation>Lernrate %1</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>Batch %1</translation>
    </message>
    <message numerus="yes">
        <source>%n epochs</source>
        <translation><numerusform>%n Epoche</numerusform><numerusform>%n Epochen</numerusform></translation>
    </message>
    <message>
        <source> of at most %1</source>
        <translation> von höchstens %1</translation>
    </message>
    <message>
        <source>stopped early, best epoch %1 kept</source>
        <translation>früh beendet, beste Epoche %1 behalten</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>fold %1 of %2, split by song</source>
        <translation>Fold %1 von %2, nach Stücken aufgeteilt</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Genrescope %1</source>
        <translation>Genrescope %1</translation>
    </message>
    <message>
        <source>libtorch %1</source>
        <translation>libtorch %1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 ± %2&lt;/b&gt; per song</source>
        <translation>&lt;b&gt;%1 ± %2&lt;/b&gt; pro Stück</translation>
    </message>
    <message>
        <source>, %1 ± %2 per segment</source>
        <translation>, %1 ± %2 pro Segment</translation>
    </message>
    <message numerus="yes">
        <source>mean ± standard deviation over %n test folds</source>
        <translation><numerusform>Mittelwert ± Standardabweichung über %n Test-Fold</numerusform><numerusform>Mittelwert ± Standardabweichung über %n Test-Folds</numerusform></translation>
    </message>
    <message>
        <source>, range %1 to %2</source>
        <translation>, Bereich %1 bis %2</translation>
    </message>
    <message>
        <source>macro F1 %1 ± %2</source>
        <translation>Makro-F1 %1 ± %2</translation>
    </message>
    <message>
        <source>Cross-validated accuracy</source>
        <translation>Kreuzvalidierte Genauigkeit</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; per song</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; pro Stück</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>embedded default model</source>
        <translation>eingebautes Standardmodell</translation>
    </message>
    <message>
        <source>Song-level confusion matrix</source>
        <translation>Konfusionsmatrix auf Stückebene</translation>
    </message>
    <message>
        <source>rows: true genre, columns: predicted genre; every test fold pooled</source>
        <translation>Zeilen: wahres Genre, Spalten: vorhergesagtes Genre; alle Test-Folds zusammengefasst</translation>
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
    <name>genrescope::ui::ComparisonView</name>
    <message>
        <source>(rejected)</source>
        <translation>(abgelehnt)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Tick the models to compare (at least two).</source>
        <translation>Haken Sie die zu vergleichenden Modelle an (mindestens zwei).</translation>
    </message>
    <message>
        <source>Add models…</source>
        <translation>Modelle hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>Testmenge</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per genre, or a CSV manifest</source>
        <translation>Ordner mit einem Unterordner pro Genre oder ein CSV-Manifest</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV …</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Judge the models only on the test songs of a bundle's training split, so no model is scored on songs it was trained on.</source>
        <translation>Die Modelle nur auf den Testsongs der Trainingsaufteilung eines Bundles bewerten, damit kein Modell auf Songs bewertet wird, mit denen es trainiert wurde.</translation>
    </message>
    <message>
        <source>Songs:</source>
        <translation>Songs:</translation>
    </message>
    <message>
        <source>Mean probability</source>
        <translation>Mittlere Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Majority vote</source>
        <translation>Mehrheitsentscheid</translation>
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
        <source>Song rule:</source>
        <translation>Song-Regel:</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>Vergleich starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Songs</source>
        <translation>Songs</translation>
    </message>
    <message>
        <source>Segment accuracy</source>
        <translation>Segment-Genauigkeit</translation>
    </message>
    <message>
        <source>Song accuracy</source>
        <translation>Song-Genauigkeit</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Model ms/song</source>
        <translation>Modell ms/Song</translation>
    </message>
    <message>
        <source>Total ms/song</source>
        <translation>Gesamt ms/Song</translation>
    </message>
    <message>
        <source>Mean time of the model's forward pass per song.</source>
        <translation>Mittlere Zeit des Vorwärtsdurchlaufs des Modells pro Song.</translation>
    </message>
    <message>
        <source>Mean time per song of decoding, features and the model; files run in parallel, so the times include waiting for the cores.</source>
        <translation>Mittlere Zeit pro Song für Dekodierung, Merkmale und Modell; die Dateien laufen parallel, daher enthalten die Zeiten das Warten auf die Prozessorkerne.</translation>
    </message>
    <message>
        <source>McNemar's test (song level)</source>
        <translation>McNemar-Test (Song-Ebene)</translation>
    </message>
    <message>
        <source>Model A</source>
        <translation>Modell A</translation>
    </message>
    <message>
        <source>Model B</source>
        <translation>Modell B</translation>
    </message>
    <message>
        <source>b: A right, B wrong</source>
        <translation>b: A richtig, B falsch</translation>
    </message>
    <message>
        <source>c: A wrong, B right</source>
        <translation>c: A falsch, B richtig</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Significant at 0.05</source>
        <translation>Signifikant bei 0,05</translation>
    </message>
    <message>
        <source>Exact binomial test when b + c &lt; 25, otherwise chi-square with continuity correction. A p below 0.05 means the difference in accuracy is unlikely to be noise.</source>
        <translation>Exakter Binomialtest bei b + c &lt; 25, sonst Chi-Quadrat mit Stetigkeitskorrektur. Ein p unter 0,05 bedeutet, dass der Genauigkeitsunterschied wahrscheinlich kein Zufall ist.</translation>
    </message>
    <message>
        <source>Row percentages</source>
        <translation>Zeilenprozente</translation>
    </message>
    <message>
        <source>Confusion matrices</source>
        <translation>Konfusionsmatrizen</translation>
    </message>
    <message>
        <source>Double-click a song to open it in the analysis view.</source>
        <translation>Doppelklicken Sie auf einen Song, um ihn in der Analyseansicht zu öffnen.</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Uneinigkeiten</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>Übersprungene Dateien</translation>
    </message>
    <message>
        <source>Export tables as CSV…</source>
        <translation>Tabellen als CSV exportieren …</translation>
    </message>
    <message>
        <source>Export matrices as PNG or SVG…</source>
        <translation>Matrizen als PNG oder SVG exportieren …</translation>
    </message>
    <message>
        <source>Add models</source>
        <translation>Modelle hinzufügen</translation>
    </message>
    <message>
        <source>Models (*.gsm *.pt *.pth *.ts);;All files (*)</source>
        <translation>Modelle (*.gsm *.pt *.pth *.ts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Dataset folder (one sub-folder per genre)</source>
        <translation>Datensatzordner (ein Unterordner pro Genre)</translation>
    </message>
    <message>
        <source>Dataset manifest</source>
        <translation>Datensatz-Manifest</translation>
    </message>
    <message>
        <source>CSV manifests (*.csv);;All files (*)</source>
        <translation>CSV-Manifeste (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>All songs of the dataset</source>
        <translation>Alle Songs des Datensatzes</translation>
    </message>
    <message>
        <source>Test songs of %1's training split</source>
        <translation>Testsongs der Trainingsaufteilung von %1</translation>
    </message>
    <message>
        <source>Tick at least two models and choose a dataset.</source>
        <translation>Wählen Sie mindestens zwei Modelle und einen Datensatz.</translation>
    </message>
    <message>
        <source>Classifying every song with every model…</source>
        <translation>Jeder Song wird mit jedem Modell klassifiziert …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>%1 carries no training split with test songs; compare on all songs instead.</source>
        <translation>%1 enthält keine Trainingsaufteilung mit Testsongs; vergleichen Sie stattdessen auf allen Songs.</translation>
    </message>
    <message>
        <source>The model %1 could not be loaded: %2</source>
        <translation>Das Modell %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>The models do not fit the dataset: %1</source>
        <translation>Die Modelle passen nicht zum Datensatz: %1</translation>
    </message>
    <message>
        <source>The dataset was not found: %1</source>
        <translation>Der Datensatz wurde nicht gefunden: %1</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>Der Vergleich ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n song(s) compared</source>
        <translation><numerusform>%n Song verglichen</numerusform><numerusform>%n Songs verglichen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped</source>
        <translation><numerusform>%n Datei übersprungen</numerusform><numerusform>%n Dateien übersprungen</numerusform></translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Vergleich abgebrochen.</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <source>exact binomial</source>
        <translation>exakt binomial</translation>
    </message>
    <message>
        <source>chi-square, corrected</source>
        <translation>Chi-Quadrat, korrigiert</translation>
    </message>
    <message>
        <source>yes ✱</source>
        <translation>ja ✱</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1: song accuracy %2</source>
        <translation>%1: Song-Genauigkeit %2</translation>
    </message>
    <message>
        <source>Disagreements (%1)</source>
        <translation>Uneinigkeiten (%1)</translation>
    </message>
    <message>
        <source>Skipped files (%1)</source>
        <translation>Übersprungene Dateien (%1)</translation>
    </message>
    <message>
        <source>Song</source>
        <translation>Song</translation>
    </message>
    <message>
        <source>True genre</source>
        <translation>Wahres Genre</translation>
    </message>
    <message>
        <source>There is no comparison to export yet.</source>
        <translation>Es gibt noch keinen Vergleich zum Exportieren.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Folder for the CSV tables</source>
        <translation>Ordner für die CSV-Tabellen</translation>
    </message>
    <message>
        <source>Tables written to %1.</source>
        <translation>Tabellen nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export matrices</source>
        <translation>Matrizen exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png);;SVG drawings (*.svg)</source>
        <translation>PNG-Bilder (*.png);;SVG-Zeichnungen (*.svg)</translation>
    </message>
    <message numerus="yes">
        <source>%n matrix file(s) written next to %1.</source>
        <translation><numerusform>%n Matrixdatei neben %1 geschrieben.</numerusform><numerusform>%n Matrixdateien neben %1 geschrieben.</numerusform></translation>
    </message>
    <message>
        <source>Vote with threshold</source>
        <translation>Mehrheit mit Schwelle</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>A song is rejected when its winning genre has fewer segment votes than this</source>
        <translation>Ein Song wird verworfen, wenn sein siegreiches Genre weniger Segmentstimmen als diese erhält</translation>
    </message>
    <message>
        <source>Min. votes:</source>
        <translation>Mind. Stimmen:</translation>
    </message>
    <message>
        <source>Warning: %1 was trained or validated on %2 of these songs (matched by file name): its figures are not test figures.</source>
        <translation>Warnung: %1 wurde mit %2 dieser Songs trainiert oder validiert (nach Dateinamen abgeglichen): seine Werte sind keine Testwerte.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>True %1, rejected: %2 of %3 (%4%)</source>
        <translation>Wahr %1, verworfen: %2 von %3 (%4 %)</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 of %4 (%5%)</source>
        <translation>Wahr %1, vorhergesagt %2: %3 von %4 (%5 %)</translation>
    </message>
    <message>
        <source>No evaluation to show</source>
        <translation>Keine Auswertung vorhanden</translation>
    </message>
    <message>
        <source>Predicted genre</source>
        <translation>Vorhergesagtes Genre</translation>
    </message>
    <message>
        <source>True genre</source>
        <translation>Wahres Genre</translation>
    </message>
    <message>
        <source>The image could not be encoded.</source>
        <translation>Das Bild konnte nicht kodiert werden.</translation>
    </message>
    <message>
        <source>The drawing could not be started.</source>
        <translation>Die Zeichnung konnte nicht begonnen werden.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::EvaluationView</name>
    <message>
        <source>mean probability</source>
        <translation>mittlere Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>majority vote</source>
        <translation>Mehrheitsentscheid</translation>
    </message>
    <message>
        <source>vote with threshold</source>
        <translation>Mehrheit mit Schwelle</translation>
    </message>
    <message>
        <source>geometric mean</source>
        <translation>geometrisches Mittel</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>This is a folder, not a model file.</source>
        <translation>Dies ist ein Ordner, keine Modelldatei.</translation>
    </message>
    <message>
        <source>You are not allowed to read or write this file.</source>
        <translation>Sie dürfen diese Datei nicht lesen oder schreiben.</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>Der Datenträger ist voll.</translation>
    </message>
    <message>
        <source>The model was saved by a newer Genrescope; update the app to open it.</source>
        <translation>Das Modell wurde von einem neueren Genrescope gespeichert; aktualisieren Sie die App, um es zu öffnen.</translation>
    </message>
    <message>
        <source>The file is not a valid Genrescope model or its evaluation is damaged.</source>
        <translation>Die Datei ist kein gültiges Genrescope-Modell oder ihre Auswertung ist beschädigt.</translation>
    </message>
    <message>
        <source>The file could not be read or written.</source>
        <translation>Die Datei konnte nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>Fold:</source>
        <translation>Fold:</translation>
    </message>
    <message>
        <source>One test fold, or every test fold pooled (each song is tested in exactly one fold)</source>
        <translation>Ein Test-Fold oder alle Test-Folds zusammen (jeder Song wird in genau einem Fold getestet)</translation>
    </message>
    <message>
        <source>Song level</source>
        <translation>Songebene</translation>
    </message>
    <message>
        <source>Segment level</source>
        <translation>Segmentebene</translation>
    </message>
    <message>
        <source>Min. votes:</source>
        <translation>Mind. Stimmen:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>A song is rejected when its winning genre has fewer segment votes than this</source>
        <translation>Ein Song wird verworfen, wenn sein siegreiches Genre weniger Segmentstimmen als diese erhält</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Anzahlen</translation>
    </message>
    <message>
        <source>Row %</source>
        <translation>Zeilen-%</translation>
    </message>
    <message>
        <source>Colour and main figure: counts, or each true genre's row as percentages</source>
        <translation>Farbe und Hauptzahl: Anzahlen oder die Zeile jedes wahren Genres in Prozent</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Confusion matrix as PNG...</source>
        <translation>Konfusionsmatrix als PNG …</translation>
    </message>
    <message>
        <source>Confusion matrix as SVG...</source>
        <translation>Konfusionsmatrix als SVG …</translation>
    </message>
    <message>
        <source>Confusion matrix as CSV...</source>
        <translation>Konfusionsmatrix als CSV …</translation>
    </message>
    <message>
        <source>Per-class metrics as CSV...</source>
        <translation>Kennzahlen pro Klasse als CSV …</translation>
    </message>
    <message>
        <source>Song list as CSV...</source>
        <translation>Songliste als CSV …</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Ebene:</translation>
    </message>
    <message>
        <source>Song rule:</source>
        <translation>Song-Regel:</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Song</source>
        <translation>Song</translation>
    </message>
    <message>
        <source>True</source>
        <translation>Wahr</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Segments in cell</source>
        <translation>Segmente in der Zelle</translation>
    </message>
    <message>
        <source>Top genres (song scores)</source>
        <translation>Top-Genres (Song-Werte)</translation>
    </message>
    <message>
        <source>Songs in the selected cell</source>
        <translation>Songs in der gewählten Zelle</translation>
    </message>
    <message>
        <source>Open in Analysis</source>
        <translation>In der Analyse öffnen</translation>
    </message>
    <message>
        <source>Show the selected song with its segment timeline in the analysis view</source>
        <translation>Den gewählten Song mit seiner Segment-Zeitleiste in der Analyseansicht zeigen</translation>
    </message>
    <message>
        <source>No evaluation loaded: open a model with a stored evaluation or finish a training run.</source>
        <translation>Keine Auswertung geladen: Öffnen Sie ein Modell mit gespeicherter Auswertung oder schließen Sie ein Training ab.</translation>
    </message>
    <message>
        <source>The evaluation of %1 cannot be shown. %2</source>
        <translation>Die Auswertung von %1 kann nicht angezeigt werden. %2</translation>
    </message>
    <message>
        <source>The model has no stored evaluation; evaluate it on a labelled dataset instead.</source>
        <translation>Das Modell hat keine gespeicherte Auswertung; werten Sie es stattdessen auf einem beschrifteten Datensatz aus.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>All folds pooled</source>
        <translation>Alle Folds zusammengefasst</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>Fold %1</translation>
    </message>
    <message>
        <source>This evaluation was saved without segment probabilities, so only its own rule (%1) can be shown.</source>
        <translation>Diese Auswertung wurde ohne Segmentwahrscheinlichkeiten gespeichert, daher kann nur ihre eigene Regel (%1) gezeigt werden.</translation>
    </message>
    <message>
        <source>The rule decides the song level; the segment level does not depend on it.</source>
        <translation>Die Regel entscheidet die Songebene; die Segmentebene hängt nicht von ihr ab.</translation>
    </message>
    <message>
        <source>How a song's segment probabilities become one genre</source>
        <translation>Wie aus den Segmentwahrscheinlichkeiten eines Songs ein Genre wird</translation>
    </message>
    <message>
        <source>%1, all folds pooled</source>
        <translation>%1, alle Folds zusammengefasst</translation>
    </message>
    <message>
        <source>Songs</source>
        <translation>Songs</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <source>%1, fold %2</source>
        <translation>%1, Fold %2</translation>
    </message>
    <message>
        <source>Songs: accuracy %1% (%2 of %3), macro-F1 %4, rule: %5.</source>
        <translation>Songs: Genauigkeit %1 % (%2 von %3), Makro-F1 %4, Regel: %5.</translation>
    </message>
    <message>
        <source>Rejected (too few votes): %1.</source>
        <translation>Verworfen (zu wenige Stimmen): %1.</translation>
    </message>
    <message>
        <source>Segments: accuracy %1% (%2 of %3).</source>
        <translation>Segmente: Genauigkeit %1 % (%2 von %3).</translation>
    </message>
    <message>
        <source>%1 test folds, mean ± standard deviation: song accuracy %2% ± %3, segment accuracy %4% ± %5, macro-F1 %6 ± %7.</source>
        <translation>%1 Test-Folds, Mittelwert ± Standardabweichung: Genauigkeit Songs %2 % ± %3, Segmente %4 % ± %5, Makro-F1 %6 ± %7.</translation>
    </message>
    <message>
        <source>Stored without segment probabilities: the song rule cannot be changed.</source>
        <translation>Ohne Segmentwahrscheinlichkeiten gespeichert: Die Song-Regel kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to list its songs.</source>
        <translation>Klicken Sie auf eine Zelle der Matrix, um ihre Songs aufzulisten.</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>true %1, predicted %2</source>
        <translation>wahr %1, vorhergesagt %2</translation>
    </message>
    <message>
        <source>Songs with segments in the cell %1: %2</source>
        <translation>Songs mit Segmenten in der Zelle %1: %2</translation>
    </message>
    <message>
        <source>Songs in the cell %1: %2</source>
        <translation>Songs in der Zelle %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>Es gibt noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>%1 could not be written. %2</source>
        <translation>%1 konnte nicht geschrieben werden. %2</translation>
    </message>
    <message>
        <source>Click a cell of the matrix first: the song list is empty.</source>
        <translation>Klicken Sie zuerst auf eine Zelle der Matrix: Die Songliste ist leer.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV-Tabelle (*.csv)</translation>
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
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>No audio output</source>
        <translation>Keine Audioausgabe</translation>
    </message>
    <message>
        <source>Model trained and loaded: %1. Its evaluation is in the Evaluate tab.</source>
        <translation>Modell trainiert und geladen: %1. Seine Auswertung steht im Reiter „Auswerten“.</translation>
    </message>
    <message>
        <source>Evaluate a Model</source>
        <translation>Ein Modell auswerten</translation>
    </message>
    <message>
        <source>Genrescope models (*.gsm);;All files (*)</source>
        <translation>Genrescope-Modelle (*.gsm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The evaluation stored in %1 could not be shown.</source>
        <translation>Die in %1 gespeicherte Auswertung konnte nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <source>&amp;Train a Model</source>
        <translation>Ein Modell &amp;trainieren</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>&amp;Compare Models</source>
        <translation>Modelle &amp;vergleichen</translation>
    </message>
    <message>
        <source>Evaluate a Model &amp;File...</source>
        <translation>Modell&amp;datei auswerten...</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::MetricsTable</name>
    <message>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Per-class metrics</source>
        <translation>Kennzahlen pro Klasse</translation>
    </message>
    <message>
        <source>rejected (no decision)</source>
        <translation>verworfen (keine Entscheidung)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>Makro-Mittel</translation>
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
        <translation>Song-Regel:</translation>
    </message>
    <message>
        <source>Per model:</source>
        <translation>Je Modell:</translation>
    </message>
    <message>
        <source>Drop a song to see what the models say.</source>
        <translation>Ziehen Sie ein Stück hierher, um zu sehen, was die Modelle sagen.</translation>
    </message>
    <message>
        <source>(rejected)</source>
        <translation>(abgelehnt)</translation>
    </message>
    <message>
        <source>no decision</source>
        <translation>keine Entscheidung</translation>
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
    <message numerus="yes">
        <source>Classifying... %n segments so far</source>
        <translation><numerusform>Klassifiziere … bisher %n Segment</numerusform><numerusform>Klassifiziere … bisher %n Segmente</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n segments, %2 ms</source>
        <translation><numerusform>%1: %n Segment, %2 ms</numerusform><numerusform>%1: %n Segmente, %2 ms</numerusform></translation>
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
    <name>genrescope::ui::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>Farbskala:</translation>
    </message>
    <message>
        <source>Fit to the loudest part of each song (80 dB below it)</source>
        <translation>An die lauteste Stelle jedes Stücks anpassen (80 dB darunter)</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>dB range:</source>
        <translation>dB-Bereich:</translation>
    </message>
    <message>
        <source>hop</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>FFT size (samples):</source>
        <translation>FFT-Größe (Samples):</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (graphics card)</source>
        <translation>CUDA (Grafikkarte)</translation>
    </message>
    <message>
        <source>This libtorch has no CUDA support, or no CUDA device is present.</source>
        <translation>Diese libtorch-Version unterstützt kein CUDA, oder es ist kein CUDA-Gerät vorhanden.</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Every core (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Threads libtorch uses for one model; a change applies from the next song classified.</source>
        <translation>Threads, die libtorch für ein Modell nutzt; eine Änderung gilt ab dem nächsten klassifizierten Stück.</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>The new language is used when Genrescope is started again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Genrescope.</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::TrainingChart</name>
    <message>
        <source>Loss (solid: training, dashed: validation, thin: per batch)</source>
        <translation>Verlust (durchgezogen: Training, gestrichelt: Validierung, dünn: pro Batch)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Accuracy (solid: training, dashed: validation)</source>
        <translation>Genauigkeit (durchgezogen: Training, gestrichelt: Validierung)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Per batch</source>
        <translation>Pro Batch</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>Fold %1</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>Beste Epoche</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::TrainingView</name>
    <message>
        <source>Computing features… %p%</source>
        <translation>Merkmale werden berechnet … %p%</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Folder per genre, manifest CSV or feature table</source>
        <translation>Ordner pro Genre, Manifest-CSV oder Merkmalstabelle</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per genre, a CSV manifest (path,label[,split,group]) or a feature table in the features_30_sec.csv format (for table models such as "mlp")</source>
        <translation>Ein Ordner mit einem Unterordner pro Genre, ein CSV-Manifest (path,label[,split,group]) oder eine Merkmalstabelle im Format von features_30_sec.csv (für Tabellenmodelle wie „mlp“)</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV …</translation>
    </message>
    <message>
        <source>No dataset chosen.</source>
        <translation>Kein Datensatz gewählt.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Ausgelassen</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Dataset folder (one sub-folder per genre)</source>
        <translation>Datensatzordner (ein Unterordner pro Genre)</translation>
    </message>
    <message>
        <source>Manifest or feature table</source>
        <translation>Manifest oder Merkmalstabelle</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Split by song</source>
        <translation>Aufteilung nach Titel</translation>
    </message>
    <message>
        <source>Train / validation / test</source>
        <translation>Training / Validierung / Test</translation>
    </message>
    <message>
        <source>k-fold cross-validation</source>
        <translation>k-fache Kreuzvalidierung</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Fractions:</source>
        <translation>Anteile:</translation>
    </message>
    <message>
        <source> folds</source>
        <translation> Folds</translation>
    </message>
    <message>
        <source>Fold i is tested on and fold i+1 validates; the saved model is fold 1's, with every fold's test result in its card</source>
        <translation>Fold i wird getestet, Fold i+1 validiert; gespeichert wird das Modell von Fold 1, mit dem Testergebnis jedes Folds in seiner Karte</translation>
    </message>
    <message>
        <source>Seed of the split, the initialisation and the shuffling</source>
        <translation>Startwert für Aufteilung, Initialisierung und Mischen</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW (decoupled weight decay)</source>
        <translation>AdamW (entkoppelter Weight Decay)</translation>
    </message>
    <message>
        <source>SGD, Nesterov momentum 0.9</source>
        <translation>SGD, Nesterov-Momentum 0,9</translation>
    </message>
    <message>
        <source>Optimiser:</source>
        <translation>Optimierer:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>Weight Decay:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> Epochen</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs</source>
        <translation>Anhalten, wenn sich der Validierungsverlust so viele Epochen lang nicht verbessert hat</translation>
    </message>
    <message>
        <source>Early stopping:</source>
        <translation>Frühes Anhalten:</translation>
    </message>
    <message>
        <source>Halve the learning rate when the validation loss has not improved for this many epochs</source>
        <translation>Lernrate halbieren, wenn sich der Validierungsverlust so viele Epochen lang nicht verbessert hat</translation>
    </message>
    <message>
        <source>Halve the rate after:</source>
        <translation>Rate halbieren nach:</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>Augmentation: a random gain per example (models reading dB spectrograms)</source>
        <translation>Augmentierung: eine zufällige Verstärkung pro Beispiel (Modelle, die dB-Spektrogramme lesen)</translation>
    </message>
    <message>
        <source>Random gain:</source>
        <translation>Zufällige Verstärkung:</translation>
    </message>
    <message>
        <source>Augmentation: a random circular shift of up to this fraction of the time axis</source>
        <translation>Augmentierung: eine zufällige zyklische Verschiebung um bis zu diesen Anteil der Zeitachse</translation>
    </message>
    <message>
        <source>Random time shift:</source>
        <translation>Zufällige Zeitverschiebung:</translation>
    </message>
    <message>
        <source>libtorch threads and files featurised at once</source>
        <translation>libtorch-Threads und gleichzeitig verarbeitete Dateien</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Reuse features from the feature cache</source>
        <translation>Merkmale aus dem Merkmals-Cache wiederverwenden</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Modelldatei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Save the model as</source>
        <translation>Modell speichern unter</translation>
    </message>
    <message>
        <source>Genrescope models (*.gsm)</source>
        <translation>Genrescope-Modelle (*.gsm)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the interrupted run whose checkpoints sit next to the model file</source>
        <translation>Den unterbrochenen Lauf fortsetzen, dessen Checkpoints neben der Modelldatei liegen</translation>
    </message>
    <message>
        <source>Resume from…</source>
        <translation>Fortsetzen aus …</translation>
    </message>
    <message>
        <source>Continue the run stored in a checkpoint file you choose</source>
        <translation>Den Lauf fortsetzen, der in einer gewählten Checkpoint-Datei gespeichert ist</translation>
    </message>
    <message>
        <source>Checkpoint to continue</source>
        <translation>Fortzusetzender Checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (*.ckpt *.ckpt.* *.fold*);;All files (*)</source>
        <translation>Checkpoints (*.ckpt *.ckpt.* *.fold*);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Export charts…</source>
        <translation>Diagramme exportieren …</translation>
    </message>
    <message>
        <source>Export history…</source>
        <translation>Verlauf exportieren …</translation>
    </message>
    <message>
        <source>Export the charts</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1. Check that the folder exists and is writable.</source>
        <translation>%1 konnte nicht geschrieben werden. Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>Export the training history</source>
        <translation>Trainingsverlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>This model has no switches.</source>
        <translation>Dieses Modell hat keine Schalter.</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>%1 wird durchsucht …</translation>
    </message>
    <message>
        <source>Scan of %1 failed: %2</source>
        <translation>Durchsuchen von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message numerus="yes">
        <source>Feature table: %n row(s)</source>
        <translation><numerusform>Merkmalstabelle: %n Zeile</numerusform><numerusform>Merkmalstabelle: %n Zeilen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation><numerusform>%n Klasse</numerusform><numerusform>%n Klassen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n feature column(s)</source>
        <translation><numerusform>%n Merkmalsspalte</numerusform><numerusform>%n Merkmalsspalten</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n audio file(s)</source>
        <translation><numerusform>%n Audiodatei</numerusform><numerusform>%n Audiodateien</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation><numerusform>%n ausgelassen</numerusform><numerusform>%n ausgelassen</numerusform></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>zu kurz</translation>
    </message>
    <message>
        <source>not audio</source>
        <translation>kein Audio</translation>
    </message>
    <message>
        <source>hidden file</source>
        <translation>versteckte Datei</translation>
    </message>
    <message>
        <source>not in a genre folder</source>
        <translation>nicht in einem Genre-Ordner</translation>
    </message>
    <message>
        <source>Choose a dataset first.</source>
        <translation>Wählen Sie zuerst einen Datensatz.</translation>
    </message>
    <message>
        <source>Choose where to save the model first.</source>
        <translation>Wählen Sie zuerst, wo das Modell gespeichert werden soll.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
    <message>
        <source>the checkpoint's model</source>
        <translation>das Modell des Checkpoints</translation>
    </message>
    <message>
        <source>Resuming from %1.</source>
        <translation>Fortsetzen aus %1.</translation>
    </message>
    <message>
        <source>Resuming %1 on %2 from its checkpoints.</source>
        <translation>%1 auf %2 wird aus seinen Checkpoints fortgesetzt.</translation>
    </message>
    <message>
        <source>Training %1 on %2.</source>
        <translation>Training von %1 auf %2.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The settings do not fit this model or dataset.</source>
        <translation>Die Einstellungen passen nicht zu diesem Modell oder Datensatz.</translation>
    </message>
    <message>
        <source>A file or folder does not exist. Check the paths.</source>
        <translation>Eine Datei oder ein Ordner existiert nicht. Prüfen Sie die Pfade.</translation>
    </message>
    <message>
        <source>You do not have permission to read or write a file.</source>
        <translation>Sie haben keine Berechtigung, eine Datei zu lesen oder zu schreiben.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>A file is not in the format expected (dataset CSV or checkpoint).</source>
        <translation>Eine Datei hat nicht das erwartete Format (Datensatz-CSV oder Checkpoint).</translation>
    </message>
    <message>
        <source>The file was written by a newer Genrescope.</source>
        <translation>Die Datei wurde von einer neueren Genrescope-Version geschrieben.</translation>
    </message>
    <message>
        <source>The data, checkpoint and model do not fit together.</source>
        <translation>Daten, Checkpoint und Modell passen nicht zusammen.</translation>
    </message>
    <message>
        <source>This model cannot be trained in this build.</source>
        <translation>Dieses Modell kann in diesem Build nicht trainiert werden.</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>Der Datenträger ist voll.</translation>
    </message>
    <message>
        <source>Reading or writing a file failed.</source>
        <translation>Das Lesen oder Schreiben einer Datei ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Etwas ist schiefgegangen.</translation>
    </message>
    <message numerus="yes">
        <source>Features ready: %n song(s)</source>
        <translation><numerusform>Merkmale bereit: %n Titel</numerusform><numerusform>Merkmale bereit: %n Titel</numerusform></translation>
    </message>
    <message>
        <source>%1 from the cache, %2 computed</source>
        <translation>%1 aus dem Cache, %2 berechnet</translation>
    </message>
    <message>
        <source>Left out %1: %2</source>
        <translation>%1 ausgelassen: %2</translation>
    </message>
    <message>
        <source>Fold %1 of %2.</source>
        <translation>Fold %1 von %2.</translation>
    </message>
    <message>
        <source>Continuing after epoch %1.</source>
        <translation>Weiter nach Epoche %1.</translation>
    </message>
    <message>
        <source>Fold %1/%2, epoch %3/%4</source>
        <translation>Fold %1/%2, Epoche %3/%4</translation>
    </message>
    <message>
        <source>Epoch %1/%2</source>
        <translation>Epoche %1/%2</translation>
    </message>
    <message>
        <source>Fold %1: </source>
        <translation>Fold %1: </translation>
    </message>
    <message>
        <source>test accuracy %1 per song, %2 per segment, macro-F1 %3 (best epoch %4%5).</source>
        <translation>Testgenauigkeit %1 pro Titel, %2 pro Segment, Makro-F1 %3 (beste Epoche %4%5).</translation>
    </message>
    <message>
        <source>, stopped early</source>
        <translation>, früh angehalten</translation>
    </message>
    <message>
        <source>finished without test songs (best epoch %1).</source>
        <translation>ohne Testtitel beendet (beste Epoche %1).</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>%1 folds: test accuracy %2 ± %3 per song, %4 ± %5 per segment.</source>
        <translation>%1 Folds: Testgenauigkeit %2 ± %3 pro Titel, %4 ± %5 pro Segment.</translation>
    </message>
    <message>
        <source>Saved the model to %1.</source>
        <translation>Modell gespeichert unter %1.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Training cancelled. The checkpoint of the last finished epoch is kept; Resume continues from it.</source>
        <translation>Training abgebrochen. Der Checkpoint der letzten abgeschlossenen Epoche bleibt erhalten; „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
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