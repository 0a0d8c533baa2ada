"""German and Simplified Chinese translations of the analysis window's strings (area: window):
genre names, Edit > Preferences, the model card."""

DE = {
    # Genre names (ui/mainwindow/genrenames.cpp, context GenreNames)
    "Blues": "Blues", "Classical": "Klassik", "Country": "Country", "Disco": "Disco",
    "Hip-hop": "Hip-Hop", "Jazz": "Jazz", "Metal": "Metal", "Pop": "Pop", "Reggae": "Reggae", "Rock": "Rock",
    # Main window
    "No audio output": "Keine Audioausgabe", "&Edit": "&Bearbeiten", "&Preferences...": "&Einstellungen …", "Ctrl+,": "Ctrl+,",
    # Settings dialog
    "Preferences": "Einstellungen", "Display": "Anzeige", "Colour map:": "Farbskala:",
    "Fit to the loudest part of each song (80 dB below it)":
        "An die lauteste Stelle jedes Stücks anpassen (80 dB darunter)",
    " dB": " dB", "to": "bis", "dB range:": "dB-Bereich:", "hop": "Schritt",
    "FFT size (samples):": "FFT-Größe (Samples):", "Models": "Modelle", "CPU": "CPU",
    "CUDA (graphics card)": "CUDA (Grafikkarte)",
    "This libtorch has no CUDA support, or no CUDA device is present.":
        "Diese libtorch-Version unterstützt kein CUDA, oder es ist kein CUDA-Gerät vorhanden.",
    "Device:": "Gerät:", "Every core (%1)": "Alle Kerne (%1)",
    "Threads libtorch uses for one model; a change applies from the next song classified.":
        "Threads, die libtorch für ein Modell nutzt; eine Änderung gilt ab dem nächsten klassifizierten Stück.",
    "Threads:": "Threads:", "Language": "Sprache", "System": "System", "Language:": "Sprache:",
    "The new language is used when Genrescope is started again.":
        "Die neue Sprache gilt ab dem nächsten Start von Genrescope.",
    # Model card (ui/mainwindow/modelset.cpp, context ModelCard)
    "yes": "ja", "no": "nein", "Notes": "Hinweise", "Licence": "Lizenz", "Training data": "Trainingsdaten",
    "Training recipe": "Trainingsrezept", "Author": "Autor", "%1 Hz": "%1 Hz",
    "%1 statistics of the frames": "%1 Statistiken der Frames",
    "multi-resolution mel, %1 bands, %2 resolutions": "mehrfachauflösendes Mel, %1 Bänder, %2 Auflösungen",
    "mel, %1 bands": "Mel, %1 Bänder", "MFCC, %1 coefficients": "MFCC, %1 Koeffizienten",
    "chroma, %1 pitch classes": "Chroma, %1 Tonklassen", "FFT %1, hop %2": "FFT %1, Schritt %2",
    "log: %1": "Logarithmus: %1",
    "%n pieces of %1 frames": ["%n Stück von %1 Frames", "%n Stücke von je %1 Frames"],
    "segments of %1 s": "Segmente von %1 s", " every %1 s": " alle %1 s",
    "the whole song as one item": "das ganze Stück als ein Element", "input %1": "Eingabe %1",
    "not recorded": "nicht festgehalten", "TorchScript": "TorchScript", "Architecture": "Architektur",
    "Parameters": "Parameter", "Input": "Eingabe", "Second input": "Zweite Eingabe", "Labels": "Klassen",
    "%n songs": ["%n Stück", "%n Stücke"],
    "%n unreadable files left out": ["%n unlesbare Datei ausgelassen", "%n unlesbare Dateien ausgelassen"],
    "Trained on": "Trainiert auf", "optimiser %1": "Optimierer %1", "learning rate %1": "Lernrate %1",
    "batch %1": "Batch %1", "%n epochs": ["%n Epoche", "%n Epochen"], " of at most %1": " von höchstens %1",
    "stopped early, best epoch %1 kept": "früh beendet, beste Epoche %1 behalten", "seed %1": "Seed %1",
    "fold %1 of %2, split by song": "Fold %1 von %2, nach Stücken aufgeteilt", "Training": "Training",
    "Genrescope %1": "Genrescope %1", "libtorch %1": "libtorch %1", "Saved": "Gespeichert",
    "<b>%1 ± %2</b> per song": "<b>%1 ± %2</b> pro Stück", ", %1 ± %2 per segment": ", %1 ± %2 pro Segment",
    "mean ± standard deviation over %n test folds":
        ["Mittelwert ± Standardabweichung über %n Test-Fold", "Mittelwert ± Standardabweichung über %n Test-Folds"],
    ", range %1 to %2": ", Bereich %1 bis %2", "macro F1 %1 ± %2": "Makro-F1 %1 ± %2",
    "Cross-validated accuracy": "Kreuzvalidierte Genauigkeit", "Test accuracy": "Testgenauigkeit",
    "<b>%1</b> per song": "<b>%1</b> pro Stück", "File": "Datei", "embedded default model": "eingebautes Standardmodell",
    "Song-level confusion matrix": "Konfusionsmatrix auf Stückebene",
    "rows: true genre, columns: predicted genre; every test fold pooled":
        "Zeilen: wahres Genre, Spalten: vorhergesagtes Genre; alle Test-Folds zusammengefasst",
}

ZH = {
    "Blues": "布鲁斯", "Classical": "古典", "Country": "乡村", "Disco": "迪斯科",
    "Hip-hop": "嘻哈", "Jazz": "爵士", "Metal": "金属", "Pop": "流行", "Reggae": "雷鬼", "Rock": "摇滚",
    "No audio output": "无音频输出", "&Edit": "编辑(&E)", "&Preferences...": "首选项(&P)…", "Ctrl+,": "Ctrl+,",
    "Preferences": "首选项", "Display": "显示", "Colour map:": "色图：",
    "Fit to the loudest part of each song (80 dB below it)": "按每首歌最响的部分自动调整（其下 80 dB）",
    " dB": " dB", "to": "至", "dB range:": "dB 范围：", "hop": "帧移",
    "FFT size (samples):": "FFT 长度（采样点）：", "Models": "模型", "CPU": "CPU",
    "CUDA (graphics card)": "CUDA（显卡）",
    "This libtorch has no CUDA support, or no CUDA device is present.": "此 libtorch 不支持 CUDA，或没有 CUDA 设备。",
    "Device:": "设备：", "Every core (%1)": "全部核心（%1）",
    "Threads libtorch uses for one model; a change applies from the next song classified.":
        "libtorch 为一个模型使用的线程数；更改从下一首分类的歌曲起生效。",
    "Threads:": "线程：", "Language": "语言", "System": "跟随系统", "Language:": "语言：",
    "The new language is used when Genrescope is started again.": "新语言将在下次启动 Genrescope 时生效。",
    "yes": "是", "no": "否", "Notes": "说明", "Licence": "许可", "Training data": "训练数据",
    "Training recipe": "训练方案", "Author": "作者", "%1 Hz": "%1 Hz",
    "%1 statistics of the frames": "帧的 %1 个统计量",
    "multi-resolution mel, %1 bands, %2 resolutions": "多分辨率梅尔，%1 个频带，%2 种分辨率",
    "mel, %1 bands": "梅尔，%1 个频带", "MFCC, %1 coefficients": "MFCC，%1 个系数",
    "chroma, %1 pitch classes": "色度，%1 个音级", "FFT %1, hop %2": "FFT %1，帧移 %2",
    "log: %1": "对数：%1",
    "%n pieces of %1 frames": ["%n 段，每段 %1 帧"],
    "segments of %1 s": "%1 秒的片段", " every %1 s": "，每 %1 秒一段",
    "the whole song as one item": "整首歌作为一项", "input %1": "输入 %1",
    "not recorded": "未记录", "TorchScript": "TorchScript", "Architecture": "架构",
    "Parameters": "参数", "Input": "输入", "Second input": "第二输入", "Labels": "类别",
    "%n songs": ["%n 首歌"],
    "%n unreadable files left out": ["略去 %n 个无法读取的文件"],
    "Trained on": "训练数据集", "optimiser %1": "优化器 %1", "learning rate %1": "学习率 %1",
    "batch %1": "批大小 %1", "%n epochs": ["%n 轮"], " of at most %1": "（最多 %1 轮）",
    "stopped early, best epoch %1 kept": "提前停止，保留第 %1 轮的最佳模型", "seed %1": "随机种子 %1",
    "fold %1 of %2, split by song": "第 %1 折（共 %2 折），按歌曲划分", "Training": "训练",
    "Genrescope %1": "Genrescope %1", "libtorch %1": "libtorch %1", "Saved": "保存",
    "<b>%1 ± %2</b> per song": "按歌曲 <b>%1 ± %2</b>", ", %1 ± %2 per segment": "，按片段 %1 ± %2",
    "mean ± standard deviation over %n test folds": ["%n 个测试折的均值 ± 标准差"],
    ", range %1 to %2": "，范围 %1 至 %2", "macro F1 %1 ± %2": "宏 F1 %1 ± %2",
    "Cross-validated accuracy": "交叉验证准确率", "Test accuracy": "测试准确率",
    "<b>%1</b> per song": "按歌曲 <b>%1</b>", "File": "文件", "embedded default model": "内置默认模型",
    "Song-level confusion matrix": "歌曲级混淆矩阵",
    "rows: true genre, columns: predicted genre; every test fold pooled": "行：真实流派，列：预测流派；合并所有测试折",
}
