#!/usr/bin/env python3
"""Write the reviewed German and Simplified Chinese translations into the .ts files.

lupdate (run by `cmake --build build --target update_translations`, or by hand) adds new source strings
to translations/genrescope_<lang>.ts as unfinished; add their translations to the tables below and run
this script. Areas may keep their strings in translations/tables/<area>.py (dicts DE and ZH), which are
merged into these. The test `translations.complete` fails while any string is untranslated.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DE = {
    "Magma": "Magma", "Viridis": "Viridis", "Cividis": "Cividis", "Grey": "Grau",
    "Spectrogram (linear STFT)": "Spektrogramm (lineare STFT)",
    "Log-mel, 128 bands": "Log-Mel, 128 Bänder", "Log-mel, 96 bands": "Log-Mel, 96 Bänder",
    "Multi-resolution mel: 25 ms": "Mehrfachauflösendes Mel: 25 ms",
    "Multi-resolution mel: 50 ms": "Mehrfachauflösendes Mel: 50 ms",
    "Multi-resolution mel: 100 ms": "Mehrfachauflösendes Mel: 100 ms",
    "Multi-resolution mel: RGB composite": "Mehrfachauflösendes Mel: RGB-Komposit",
    "MFCC (20)": "MFCC (20)", "Chroma": "Chroma",
    "About Genrescope": "Über Genrescope",
    "A workbench for music genre classification: see what a model hears, train and compare models, and measure how good they really are.":
        "Eine Werkbank für die Klassifikation von Musikgenres: sehen, was ein Modell hört, Modelle trainieren und vergleichen und messen, wie gut sie wirklich sind.",
    "%1   amplitude %2": "%1   Amplitude %2",
    "   %1 Hz": "   %1 Hz",
    "No audio output device was found; playback is off.": "Kein Audioausgabegerät gefunden; die Wiedergabe ist aus.",
    "The audio output stopped with an error (code %1).": "Die Audioausgabe wurde mit einem Fehler beendet (Code %1).",
    "The audio output could not be opened.": "Die Audioausgabe konnte nicht geöffnet werden.",
    "%1 does not exist (any more). Check the path.": "%1 existiert nicht (mehr). Bitte den Pfad prüfen.",
    "%1 is a folder, not an audio file.": "%1 ist ein Ordner, keine Audiodatei.",
    "You do not have permission to read %1.": "Sie haben keine Berechtigung, %1 zu lesen.",
    "%1 is empty.": "%1 ist leer.",
    "%1 is not an audio file Genrescope can read. Try another file.": "%1 ist keine Audiodatei, die Genrescope lesen kann. Versuchen Sie eine andere Datei.",
    "%1 has no audio track.": "%1 hat keine Tonspur.",
    "The audio format of %1 is not supported by this FFmpeg build.": "Das Audioformat von %1 wird von dieser FFmpeg-Version nicht unterstützt.",
    "%1 is damaged: no audio could be decoded from it.": "%1 ist beschädigt: Es konnte kein Audio dekodiert werden.",
    "%1 contains no audio samples.": "%1 enthält keine Audio-Samples.",
    "%1 is too long to analyse as a whole.": "%1 ist zu lang, um als Ganzes analysiert zu werden.",
    "%1 could not be analysed.": "%1 konnte nicht analysiert werden.",
    "Genrescope": "Genrescope",
    "Drop an audio file here, or use File > Open.": "Audiodatei hierher ziehen oder Datei > Öffnen verwenden.",
    "Ready": "Bereit", "Cancel": "Abbrechen", "Stop the analysis": "Analyse anhalten",
    "Analysis cancelled": "Analyse abgebrochen", "Analysing...": "Analysiere …",
    "%1   %2   %3, %4 Hz, %5 ch, %6 s": "%1   %2   %3, %4 Hz, %5 Kan., %6 s",
    "Damaged file: only part of it could be decoded": "Beschädigte Datei: nur ein Teil konnte dekodiert werden",
    "Pause": "Pause", "Play": "Abspielen",
    "&File": "&Datei", "&Open...": "Ö&ffnen …", "Open &Recent": "&Zuletzt geöffnet",
    "&Export View...": "Ansicht &exportieren …", "Ctrl+E": "Ctrl+E", "&Quit": "&Beenden",
    "&View": "&Ansicht", "Go to Start": "Zum Anfang", "Go to End": "Zum Ende",
    "Zoom In": "Vergrößern", "Zoom Out": "Verkleinern", "Show Whole Song": "Ganzes Stück zeigen",
    "Ctrl+0": "Ctrl+0", "Scroll Left": "Nach links blättern", "Scroll Right": "Nach rechts blättern",
    "What the Model Sees...": "Was das Modell sieht …", "Ctrl+M": "Ctrl+M",
    "Show the exact input tensor a model's feature recipe makes of this song":
        "Den genauen Eingabetensor zeigen, den das Merkmalsrezept eines Modells aus diesem Stück macht",
    "Full Screen": "Vollbild", "&Help": "&Hilfe", "&About Genrescope": "Ü&ber Genrescope",
    "Analysis": "Analyse", "View:": "Ansicht:", " Colours:": " Farben:", " Range:": " Bereich:",
    "Lowest value shown (dB for spectra)": "Kleinster angezeigter Wert (dB bei Spektren)",
    "Highest value shown (dB for spectra)": "Größter angezeigter Wert (dB bei Spektren)",
    " FFT:": " FFT:", " Hop:": " Schritt:",
    "(no recent files)": "(keine zuletzt geöffneten Dateien)", "Clear List": "Liste leeren",
    "Open Audio File": "Audiodatei öffnen",
    "Audio files (%1);;All files (*)": "Audiodateien (%1);;Alle Dateien (*)",
    "Cannot open %1: the file does not exist.": "%1 kann nicht geöffnet werden: Die Datei existiert nicht.",
    "%1   %2": "%1   %2", "%1 - Genrescope": "%1 – Genrescope",
    "Export View": "Ansicht exportieren",
    "PNG image (*.png);;SVG drawing (*.svg)": "PNG-Bild (*.png);;SVG-Zeichnung (*.svg)",
    "The view could not be written to %1.": "Die Ansicht konnte nicht nach %1 geschrieben werden.",
    "Genrescope analysis view": "Genrescope-Analyseansicht",
    "What the Model Sees": "Was das Modell sieht",
    "Feature recipe:": "Merkmalsrezept:", "Item (segment, piece):": "Element (Segment, Stück):",
    "Channel:": "Kanal:",
    "FeatureConfig (stored in every model bundle):": "FeatureConfig (in jedem Modellbündel gespeichert):",
    "Computing...": "Berechne …",
    "   item %1 covers %2 s to %3 s": "   Element %1 umfasst %2 s bis %3 s",
    "Input tensor %1 (items first)%2. Values from %3 to %4, before the model's own normalisation. Rows: %5, columns: time.":
        "Eingabetensor %1 (Elemente zuerst)%2. Werte von %3 bis %4, vor der modelleigenen Normalisierung. Zeilen: %5, Spalten: Zeit.",
    "bands (the model reads time x bands)": "Bänder (das Modell liest Zeit × Bänder)",
    "bands": "Bänder", "Wave": "Welle",
    "Music genre classification workbench": "Werkbank für Musikgenre-Klassifikation",
    "Audio file to open": "Zu öffnende Audiodatei",
    "&Language": "&Sprache", "Follow the System": "Wie das System",
    "The language changes when Genrescope is started again.": "Die Sprache wechselt beim nächsten Start von Genrescope.",
    "User interface language: %1 (default: the saved setting, else the system's)":
        "Sprache der Oberfläche: %1 (Standard: die gespeicherte Einstellung, sonst die des Systems)",
"Default model": "Standardmodell", "No default model is installed.": "Es ist kein Standardmodell installiert.",
    "%1 (%2), %3 parameters": "%1 (%2), %3 Parameter", "Labels:": "Klassen:", "File:": "Datei:",
    "How it was trained:": "Wie es trainiert wurde:", "Evaluation:": "Bewertung:",
    "Models": "Modelle", "Predictions": "Vorhersagen", "Export &Predictions...": "&Vorhersagen exportieren …",
    "&Load Model...": "Modell &laden …",
    "No model is loaded: load one to see genre predictions.": "Kein Modell geladen: Laden Sie eines, um Genre-Vorhersagen zu sehen.",
    "Every model is switched off.": "Alle Modelle sind ausgeschaltet.",
    "%1 is not a model Genrescope can use.": "%1 ist kein Modell, das Genrescope verwenden kann.",
    "Load Model": "Modell laden", "Models (*.gsm *.pt *.pth);;All files (*)": "Modelle (*.gsm *.pt *.pth);;Alle Dateien (*)",
    "There are no predictions to export yet.": "Es gibt noch keine Vorhersagen zum Exportieren.",
    "Export Predictions": "Vorhersagen exportieren", "CSV table (*.csv);;JSON (*.json)": "CSV-Tabelle (*.csv);;JSON (*.json)",
    "The predictions could not be written to %1.": "Die Vorhersagen konnten nicht nach %1 geschrieben werden.",
    "Load Model...": "Modell laden …", "Remove": "Entfernen",
    "<p>No model is loaded. Load a Genrescope model bundle (.gsm) or a TorchScript model (.pt with its .json sidecar) to see genre predictions.</p>":
        "<p>Kein Modell geladen. Laden Sie ein Genrescope-Modellbündel (.gsm) oder ein TorchScript-Modell (.pt mit seiner .json-Begleitdatei), um Genre-Vorhersagen zu sehen.</p>",
    "Mean probability": "Mittlere Wahrscheinlichkeit", "Majority vote": "Mehrheitsentscheid",
    "Vote with threshold": "Mehrheit mit Schwelle", "Geometric mean": "Geometrisches Mittel", "Maximum": "Maximum",
    "Model": "Modell", "Genre": "Genre", "Probability": "Wahrscheinlichkeit", "Song rule:": "Regel für das Stück:",
    "Per model:": "Je Modell:", "Drop a song to see what the models say.": "Ziehen Sie ein Stück hierher, um zu sehen, was die Modelle sagen.",
    "Classifying... %n segment(s) so far": ["Klassifiziere … bisher %n Segment", "Klassifiziere … bisher %n Segmente"],
    "(rejected)": "(abgelehnt)", "no decision": "keine Entscheidung",
    "%1: %n segment(s), %2 ms": ["%1: %n Segment, %2 ms", "%1: %n Segmente, %2 ms"],
    "%1 of %2 models agree on %3": "%1 von %2 Modellen sind sich einig: %3",
    "Bars show each genre's share of the segment votes.": "Die Balken zeigen den Anteil jedes Genres an den Segmentstimmen.",
    "The file is damaged; these results cover the part that decoded.": "Die Datei ist beschädigt; die Ergebnisse gelten für den dekodierten Teil.",
    "%1, segment %2 (%3-%4 s): %5": "%1, Segment %2 (%3–%4 s): %5",
}

ZH = {
    "Magma": "Magma", "Viridis": "Viridis", "Cividis": "Cividis", "Grey": "灰度",
    "Spectrogram (linear STFT)": "频谱图（线性 STFT）",
    "Log-mel, 128 bands": "对数梅尔，128 个频带", "Log-mel, 96 bands": "对数梅尔，96 个频带",
    "Multi-resolution mel: 25 ms": "多分辨率梅尔：25 毫秒", "Multi-resolution mel: 50 ms": "多分辨率梅尔：50 毫秒",
    "Multi-resolution mel: 100 ms": "多分辨率梅尔：100 毫秒",
    "Multi-resolution mel: RGB composite": "多分辨率梅尔：RGB 合成",
    "MFCC (20)": "MFCC（20）", "Chroma": "色度",
    "About Genrescope": "关于 Genrescope",
    "A workbench for music genre classification: see what a model hears, train and compare models, and measure how good they really are.":
        "音乐流派分类工作台：查看模型听到了什么，训练和比较模型，并衡量它们的真实水平。",
    "%1   amplitude %2": "%1   振幅 %2", "   %1 Hz": "   %1 Hz",
    "No audio output device was found; playback is off.": "未找到音频输出设备；播放已关闭。",
    "The audio output stopped with an error (code %1).": "音频输出因错误而停止（代码 %1）。",
    "The audio output could not be opened.": "无法打开音频输出。",
    "%1 does not exist (any more). Check the path.": "%1 不存在（或已被删除）。请检查路径。",
    "%1 is a folder, not an audio file.": "%1 是文件夹，不是音频文件。",
    "You do not have permission to read %1.": "您没有读取 %1 的权限。",
    "%1 is empty.": "%1 是空文件。",
    "%1 is not an audio file Genrescope can read. Try another file.": "%1 不是 Genrescope 可以读取的音频文件。请换一个文件。",
    "%1 has no audio track.": "%1 没有音轨。",
    "The audio format of %1 is not supported by this FFmpeg build.": "此 FFmpeg 版本不支持 %1 的音频格式。",
    "%1 is damaged: no audio could be decoded from it.": "%1 已损坏：无法解码出任何音频。",
    "%1 contains no audio samples.": "%1 不包含任何音频采样。",
    "%1 is too long to analyse as a whole.": "%1 太长，无法整体分析。",
    "%1 could not be analysed.": "无法分析 %1。",
    "Genrescope": "Genrescope",
    "Drop an audio file here, or use File > Open.": "将音频文件拖放到此处，或使用“文件 > 打开”。",
    "Ready": "就绪", "Cancel": "取消", "Stop the analysis": "停止分析",
    "Analysis cancelled": "分析已取消", "Analysing...": "正在分析…",
    "%1   %2   %3, %4 Hz, %5 ch, %6 s": "%1   %2   %3，%4 Hz，%5 声道，%6 秒",
    "Damaged file: only part of it could be decoded": "文件已损坏：只能解码其中一部分",
    "Pause": "暂停", "Play": "播放",
    "&File": "文件(&F)", "&Open...": "打开(&O)…", "Open &Recent": "最近打开(&R)",
    "&Export View...": "导出视图(&E)…", "Ctrl+E": "Ctrl+E", "&Quit": "退出(&Q)",
    "&View": "视图(&V)", "Go to Start": "转到开头", "Go to End": "转到结尾",
    "Zoom In": "放大", "Zoom Out": "缩小", "Show Whole Song": "显示整首歌曲",
    "Ctrl+0": "Ctrl+0", "Scroll Left": "向左滚动", "Scroll Right": "向右滚动",
    "What the Model Sees...": "模型看到的内容…", "Ctrl+M": "Ctrl+M",
    "Show the exact input tensor a model's feature recipe makes of this song": "显示模型的特征配方从这首歌生成的确切输入张量",
    "Full Screen": "全屏", "&Help": "帮助(&H)", "&About Genrescope": "关于 Genrescope(&A)",
    "Analysis": "分析", "View:": "视图：", " Colours:": " 颜色：", " Range:": " 范围：",
    "Lowest value shown (dB for spectra)": "显示的最小值（频谱为 dB）",
    "Highest value shown (dB for spectra)": "显示的最大值（频谱为 dB）",
    " FFT:": " FFT：", " Hop:": " 帧移：",
    "(no recent files)": "（没有最近的文件）", "Clear List": "清除列表",
    "Open Audio File": "打开音频文件",
    "Audio files (%1);;All files (*)": "音频文件 (%1);;所有文件 (*)",
    "Cannot open %1: the file does not exist.": "无法打开 %1：文件不存在。",
    "%1   %2": "%1   %2", "%1 - Genrescope": "%1 - Genrescope",
    "Export View": "导出视图", "PNG image (*.png);;SVG drawing (*.svg)": "PNG 图像 (*.png);;SVG 矢量图 (*.svg)",
    "The view could not be written to %1.": "无法将视图写入 %1。",
    "Genrescope analysis view": "Genrescope 分析视图",
    "What the Model Sees": "模型看到的内容",
    "Feature recipe:": "特征配方：", "Item (segment, piece):": "条目（片段、小段）：", "Channel:": "通道：",
    "FeatureConfig (stored in every model bundle):": "FeatureConfig（保存在每个模型包中）：",
    "Computing...": "正在计算…",
    "   item %1 covers %2 s to %3 s": "   条目 %1 覆盖 %2 秒至 %3 秒",
    "Input tensor %1 (items first)%2. Values from %3 to %4, before the model's own normalisation. Rows: %5, columns: time.":
        "输入张量 %1（条目维在前）%2。数值范围 %3 至 %4，尚未经过模型自身的归一化。行：%5，列：时间。",
    "bands (the model reads time x bands)": "频带（模型按 时间 × 频带 读取）",
    "bands": "频带", "Wave": "波形",
    "Music genre classification workbench": "音乐流派分类工作台",
    "Audio file to open": "要打开的音频文件",
    "&Language": "语言(&L)", "Follow the System": "跟随系统",
    "The language changes when Genrescope is started again.": "语言将在下次启动 Genrescope 时更改。",
    "User interface language: %1 (default: the saved setting, else the system's)":
        "界面语言：%1（默认：已保存的设置，否则使用系统语言）",
    "Default model": "默认模型", "No default model is installed.": "未安装默认模型。",
    "%1 (%2), %3 parameters": "%1（%2），%3 个参数", "Labels:": "类别：", "File:": "文件：",
    "How it was trained:": "训练方式：", "Evaluation:": "评估：",
    "Models": "模型", "Predictions": "预测", "Export &Predictions...": "导出预测(&P)…", "&Load Model...": "加载模型(&L)…",
    "No model is loaded: load one to see genre predictions.": "尚未加载模型：请加载一个模型以查看流派预测。",
    "Every model is switched off.": "所有模型均已关闭。",
    "%1 is not a model Genrescope can use.": "%1 不是 Genrescope 可用的模型。",
    "Load Model": "加载模型", "Models (*.gsm *.pt *.pth);;All files (*)": "模型 (*.gsm *.pt *.pth);;所有文件 (*)",
    "There are no predictions to export yet.": "还没有可导出的预测。",
    "Export Predictions": "导出预测", "CSV table (*.csv);;JSON (*.json)": "CSV 表格 (*.csv);;JSON (*.json)",
    "The predictions could not be written to %1.": "无法将预测写入 %1。",
    "Load Model...": "加载模型…", "Remove": "移除",
    "<p>No model is loaded. Load a Genrescope model bundle (.gsm) or a TorchScript model (.pt with its .json sidecar) to see genre predictions.</p>":
        "<p>尚未加载模型。请加载 Genrescope 模型包（.gsm）或 TorchScript 模型（.pt 及其 .json 附属文件）以查看流派预测。</p>",
    "Mean probability": "平均概率", "Majority vote": "多数投票", "Vote with threshold": "带阈值的投票",
    "Geometric mean": "几何平均", "Maximum": "最大值",
    "Model": "模型", "Genre": "流派", "Probability": "概率", "Song rule:": "整曲规则：", "Per model:": "各模型：",
    "Drop a song to see what the models say.": "拖入一首歌，看看模型怎么说。",
    "Classifying... %n segment(s) so far": ["正在分类… 已完成 %n 个片段"],
    "(rejected)": "（拒绝）", "no decision": "无结论",
    "%1: %n segment(s), %2 ms": ["%1：%n 个片段，%2 毫秒"],
    "%1 of %2 models agree on %3": "%2 个模型中有 %1 个一致认为是 %3",
    "Bars show each genre's share of the segment votes.": "柱条表示各流派在片段投票中所占的比例。",
    "The file is damaged; these results cover the part that decoded.": "文件已损坏；这些结果只涵盖已解码的部分。",
    "%1, segment %2 (%3-%4 s): %5": "%1，片段 %2（%3–%4 秒）：%5",
}

# English: only the plural forms of %n strings (genrescope_en.ts is made with lupdate -pluralonly).
EN = {}

TABLES = {"de": DE, "zh_CN": ZH, "en": EN}


def load_extra_tables(folder: Path) -> None:
    """Merge translations/tables/<area>.py (each defining DE and ZH dicts) into the tables above."""
    for path in sorted(folder.glob("*.py")):
        scope = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), scope)
        DE.update(scope.get("DE", {}))
        ZH.update(scope.get("ZH", {}))
        EN.update(scope.get("EN", {}))


def fill(ts_path: Path, table: dict, plurals_only: bool = False) -> list:
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.iter("message"):
        if plurals_only and message.get("numerus") != "yes":
            continue
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") == "obsolete" or translation.get("type") == "vanished":
            continue
        if source in table:
            value = table[source]
            if message.get("numerus") == "yes":
                # Plural forms: German has two (one, other), Chinese one.
                forms = value if isinstance(value, list) else [value]
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    root = Path(__file__).resolve().parent
    load_extra_tables(root / "tables")
    status = 0
    for lang, table in TABLES.items():
        missing = fill(root / f"genrescope_{lang}.ts", table, plurals_only=(lang == "en"))
        for m in missing:
            print(f"{lang}: no translation for {m!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
