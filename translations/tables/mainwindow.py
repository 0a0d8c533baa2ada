# Work tabs and the Train menu of the main window.
DE = {
    "Analysis": "Analyse",
    "Train": "Trainieren",
    "Evaluate": "Auswerten",
    "Compare": "Vergleichen",
    "Model trained and loaded: %1. Its evaluation is in the Evaluate tab.":
        "Modell trainiert und geladen: %1. Seine Auswertung steht im Reiter „Auswerten“.",
    "Evaluate a Model": "Ein Modell auswerten",
    "Genrescope models (*.gsm);;All files (*)": "Genrescope-Modelle (*.gsm);;Alle Dateien (*)",
    "The evaluation stored in %1 could not be shown.": "Die in %1 gespeicherte Auswertung konnte nicht angezeigt werden.",
    "&Train": "&Trainieren",
    "&Analysis": "&Analyse",
    "&Train a Model": "Ein Modell &trainieren",
    "&Evaluate": "&Auswerten",
    "&Compare Models": "Modelle &vergleichen",
    "Evaluate a Model &File...": "Modell&datei auswerten...",
}
ZH = {
    "Analysis": "分析",
    "Train": "训练",
    "Evaluate": "评估",
    "Compare": "比较",
    "Model trained and loaded: %1. Its evaluation is in the Evaluate tab.": "模型已训练并加载：%1。其评估结果在“评估”标签页中。",
    "Evaluate a Model": "评估模型",
    "Genrescope models (*.gsm);;All files (*)": "Genrescope 模型 (*.gsm);;所有文件 (*)",
    "The evaluation stored in %1 could not be shown.": "无法显示 %1 中保存的评估结果。",
    "&Train": "训练(&T)",
    "&Analysis": "分析(&A)",
    "&Train a Model": "训练模型(&T)",
    "&Evaluate": "评估(&E)",
    "&Compare Models": "比较模型(&C)",
    "Evaluate a Model &File...": "评估模型文件(&F)...",
}
