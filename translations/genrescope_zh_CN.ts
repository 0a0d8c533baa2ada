<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
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
        <translation>灰度</translation>
    </message>
</context>
<context>
    <name>ModelSet</name>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>No default model is installed.</source>
        <translation>未安装默认模型。</translation>
    </message>
    <message>
        <source>%1 (%2), %3 parameters</source>
        <translation>%1（%2），%3 个参数</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>How it was trained:</source>
        <translation>训练方式：</translation>
    </message>
    <message>
        <source>Evaluation:</source>
        <translation>评估：</translation>
    </message>
</context>
<context>
    <name>ViewKind</name>
    <message>
        <source>Spectrogram (linear STFT)</source>
        <translation>频谱图（线性 STFT）</translation>
    </message>
    <message>
        <source>Log-mel, 128 bands</source>
        <translation>对数梅尔，128 个频带</translation>
    </message>
    <message>
        <source>Log-mel, 96 bands</source>
        <translation>对数梅尔，96 个频带</translation>
    </message>
    <message>
        <source>Multi-resolution mel: 25 ms</source>
        <translation>多分辨率梅尔：25 毫秒</translation>
    </message>
    <message>
        <source>Multi-resolution mel: 50 ms</source>
        <translation>多分辨率梅尔：50 毫秒</translation>
    </message>
    <message>
        <source>Multi-resolution mel: 100 ms</source>
        <translation>多分辨率梅尔：100 毫秒</translation>
    </message>
    <message>
        <source>Multi-resolution mel: RGB composite</source>
        <translation>多分辨率梅尔：RGB 合成</translation>
    </message>
    <message>
        <source>MFCC (20)</source>
        <translation>MFCC（20）</translation>
    </message>
    <message>
        <source>Chroma</source>
        <translation>色度</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::AboutDialog</name>
    <message>
        <source>About Genrescope</source>
        <translation>关于 Genrescope</translation>
    </message>
    <message>
        <source>A workbench for music genre classification: see what a model hears, train and compare models, and measure how good they really are.</source>
        <translation>音乐流派分类工作台：查看模型听到了什么，训练和比较模型，并衡量它们的真实水平。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::AnalysisView</name>
    <message>
        <source>%1   amplitude %2</source>
        <translation>%1   振幅 %2</translation>
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
        <translation>未找到音频输出设备；播放已关闭。</translation>
    </message>
    <message>
        <source>The audio output stopped with an error (code %1).</source>
        <translation>音频输出因错误而停止（代码 %1）。</translation>
    </message>
    <message>
        <source>The audio output could not be opened.</source>
        <translation>无法打开音频输出。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::MainWindow</name>
    <message>
        <source>%1 does not exist (any more). Check the path.</source>
        <translation>%1 不存在（或已被删除）。请检查路径。</translation>
    </message>
    <message>
        <source>%1 is a folder, not an audio file.</source>
        <translation>%1 是文件夹，不是音频文件。</translation>
    </message>
    <message>
        <source>You do not have permission to read %1.</source>
        <translation>您没有读取 %1 的权限。</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 是空文件。</translation>
    </message>
    <message>
        <source>%1 is not an audio file Genrescope can read. Try another file.</source>
        <translation>%1 不是 Genrescope 可以读取的音频文件。请换一个文件。</translation>
    </message>
    <message>
        <source>%1 has no audio track.</source>
        <translation>%1 没有音轨。</translation>
    </message>
    <message>
        <source>The audio format of %1 is not supported by this FFmpeg build.</source>
        <translation>此 FFmpeg 版本不支持 %1 的音频格式。</translation>
    </message>
    <message>
        <source>%1 is damaged: no audio could be decoded from it.</source>
        <translation>%1 已损坏：无法解码出任何音频。</translation>
    </message>
    <message>
        <source>%1 contains no audio samples.</source>
        <translation>%1 不包含任何音频采样。</translation>
    </message>
    <message>
        <source>%1 is too long to analyse as a whole.</source>
        <translation>%1 太长，无法整体分析。</translation>
    </message>
    <message>
        <source>%1 could not be analysed.</source>
        <translation>无法分析 %1。</translation>
    </message>
    <message>
        <source>Genrescope</source>
        <translation>Genrescope</translation>
    </message>
    <message>
        <source>Drop an audio file here, or use File &gt; Open.</source>
        <translation>将音频文件拖放到此处，或使用“文件 &gt; 打开”。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the analysis</source>
        <translation>停止分析</translation>
    </message>
    <message>
        <source>Analysis cancelled</source>
        <translation>分析已取消</translation>
    </message>
    <message>
        <source>Analysing...</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <source>%1   %2   %3, %4 Hz, %5 ch, %6 s</source>
        <translation>%1   %2   %3，%4 Hz，%5 声道，%6 秒</translation>
    </message>
    <message>
        <source>Damaged file: only part of it could be decoded</source>
        <translation>文件已损坏：只能解码其中一部分</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export View...</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Go to Start</source>
        <translation>转到开头</translation>
    </message>
    <message>
        <source>Go to End</source>
        <translation>转到结尾</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Show Whole Song</source>
        <translation>显示整首歌曲</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Scroll Left</source>
        <translation>向左滚动</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>向右滚动</translation>
    </message>
    <message>
        <source>What the Model Sees...</source>
        <translation>模型看到的内容…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Show the exact input tensor a model's feature recipe makes of this song</source>
        <translation>显示模型的特征配方从这首歌生成的确切输入张量</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Genrescope</source>
        <translation>关于 Genrescope(&amp;A)</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <source> Colours:</source>
        <translation> 颜色：</translation>
    </message>
    <message>
        <source> Range:</source>
        <translation> 范围：</translation>
    </message>
    <message>
        <source>Lowest value shown (dB for spectra)</source>
        <translation>显示的最小值（频谱为 dB）</translation>
    </message>
    <message>
        <source>Highest value shown (dB for spectra)</source>
        <translation>显示的最大值（频谱为 dB）</translation>
    </message>
    <message>
        <source> FFT:</source>
        <translation> FFT：</translation>
    </message>
    <message>
        <source> Hop:</source>
        <translation> 帧移：</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>（没有最近的文件）</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Open Audio File</source>
        <translation>打开音频文件</translation>
    </message>
    <message>
        <source>Audio files (%1);;All files (*)</source>
        <translation>音频文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open %1: the file does not exist.</source>
        <translation>无法打开 %1：文件不存在。</translation>
    </message>
    <message>
        <source>%1   %2</source>
        <translation>%1   %2</translation>
    </message>
    <message>
        <source>%1 - Genrescope</source>
        <translation>%1 - Genrescope</translation>
    </message>
    <message>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>The view could not be written to %1.</source>
        <translation>无法将视图写入 %1。</translation>
    </message>
    <message>
        <source>Genrescope analysis view</source>
        <translation>Genrescope 分析视图</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes when Genrescope is started again.</source>
        <translation>语言将在下次启动 Genrescope 时更改。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Export &amp;Predictions...</source>
        <translation>导出预测(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Load Model...</source>
        <translation>加载模型(&amp;L)…</translation>
    </message>
    <message>
        <source>No model is loaded: load one to see genre predictions.</source>
        <translation>尚未加载模型：请加载一个模型以查看流派预测。</translation>
    </message>
    <message>
        <source>Every model is switched off.</source>
        <translation>所有模型均已关闭。</translation>
    </message>
    <message>
        <source>%1 is not a model Genrescope can use.</source>
        <translation>%1 不是 Genrescope 可用的模型。</translation>
    </message>
    <message>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>Models (*.gsm *.pt *.pth);;All files (*)</source>
        <translation>模型 (*.gsm *.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>There are no predictions to export yet.</source>
        <translation>还没有可导出的预测。</translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation>导出预测</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格 (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>The predictions could not be written to %1.</source>
        <translation>无法将预测写入 %1。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ModelInputDialog</name>
    <message>
        <source>What the Model Sees</source>
        <translation>模型看到的内容</translation>
    </message>
    <message>
        <source>Feature recipe:</source>
        <translation>特征配方：</translation>
    </message>
    <message>
        <source>Item (segment, piece):</source>
        <translation>条目（片段、小段）：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>通道：</translation>
    </message>
    <message>
        <source>FeatureConfig (stored in every model bundle):</source>
        <translation>FeatureConfig（保存在每个模型包中）：</translation>
    </message>
    <message>
        <source>Computing...</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>   item %1 covers %2 s to %3 s</source>
        <translation>   条目 %1 覆盖 %2 秒至 %3 秒</translation>
    </message>
    <message>
        <source>Input tensor %1 (items first)%2. Values from %3 to %4, before the model's own normalisation. Rows: %5, columns: time.</source>
        <translation>输入张量 %1（条目维在前）%2。数值范围 %3 至 %4，尚未经过模型自身的归一化。行：%5，列：时间。</translation>
    </message>
    <message>
        <source>bands (the model reads time x bands)</source>
        <translation>频带（模型按 时间 × 频带 读取）</translation>
    </message>
    <message>
        <source>bands</source>
        <translation>频带</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ModelPanel</name>
    <message>
        <source>Load Model...</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>&lt;p&gt;No model is loaded. Load a Genrescope model bundle (.gsm) or a TorchScript model (.pt with its .json sidecar) to see genre predictions.&lt;/p&gt;</source>
        <translation>&lt;p&gt;尚未加载模型。请加载 Genrescope 模型包（.gsm）或 TorchScript 模型（.pt 及其 .json 附属文件）以查看流派预测。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::PredictionPanel</name>
    <message>
        <source>Mean probability</source>
        <translation>平均概率</translation>
    </message>
    <message>
        <source>Majority vote</source>
        <translation>多数投票</translation>
    </message>
    <message>
        <source>Vote with threshold</source>
        <translation>带阈值的投票</translation>
    </message>
    <message>
        <source>Geometric mean</source>
        <translation>几何平均</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>流派</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Song rule:</source>
        <translation>整曲规则：</translation>
    </message>
    <message>
        <source>Per model:</source>
        <translation>各模型：</translation>
    </message>
    <message>
        <source>Drop a song to see what the models say.</source>
        <translation>拖入一首歌，看看模型怎么说。</translation>
    </message>
    <message numerus="yes">
        <source>Classifying... %n segment(s) so far</source>
        <translation><numerusform>正在分类… 已完成 %n 个片段</numerusform></translation>
    </message>
    <message>
        <source>(rejected)</source>
        <translation>（拒绝）</translation>
    </message>
    <message>
        <source>no decision</source>
        <translation>无结论</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n segment(s), %2 ms</source>
        <translation><numerusform>%1：%n 个片段，%2 毫秒</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 models agree on %3</source>
        <translation>%2 个模型中有 %1 个一致认为是 %3</translation>
    </message>
    <message>
        <source>Bars show each genre's share of the segment votes.</source>
        <translation>柱条表示各流派在片段投票中所占的比例。</translation>
    </message>
    <message>
        <source>The file is damaged; these results cover the part that decoded.</source>
        <translation>文件已损坏；这些结果只涵盖已解码的部分。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::SegmentTimelineView</name>
    <message>
        <source>%1, segment %2 (%3-%4 s): %5</source>
        <translation>%1，片段 %2（%3–%4 秒）：%5</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::WaveformView</name>
    <message>
        <source>Wave</source>
        <translation>波形</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Music genre classification workbench</source>
        <translation>音乐流派分类工作台</translation>
    </message>
    <message>
        <source>Audio file to open</source>
        <translation>要打开的音频文件</translation>
    </message>
    <message>
        <source>User interface language: %1 (default: the saved setting, else the system's)</source>
        <translation>界面语言：%1（默认：已保存的设置，否则使用系统语言）</translation>
    </message>
</context>
</TS>