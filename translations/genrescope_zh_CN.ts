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
    <name>GenreNames</name>
    <message>
        <source>Blues</source>
        <translation>布鲁斯</translation>
    </message>
    <message>
        <source>Classical</source>
        <translation>古典</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>乡村</translation>
    </message>
    <message>
        <source>Disco</source>
        <translation>迪斯科</translation>
    </message>
    <message>
        <source>Hip-hop</source>
        <translation>嘻哈</translation>
    </message>
    <message>
        <source>Jazz</source>
        <translation>爵士</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <source>Pop</source>
        <translation>流行</translation>
    </message>
    <message>
        <source>Reggae</source>
        <translation>雷鬼</translation>
    </message>
    <message>
        <source>Rock</source>
        <translation>摇滚</translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Training recipe</source>
        <translation>训练方案</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>%1 statistics of the frames</source>
        <translation>帧的 %1 个统计量</translation>
    </message>
    <message>
        <source>multi-resolution mel, %1 bands, %2 resolutions</source>
        <translation>多分辨率梅尔，%1 个频带，%2 种分辨率</translation>
    </message>
    <message>
        <source>mel, %1 bands</source>
        <translation>梅尔，%1 个频带</translation>
    </message>
    <message>
        <source>MFCC, %1 coefficients</source>
        <translation>MFCC，%1 个系数</translation>
    </message>
    <message>
        <source>chroma, %1 pitch classes</source>
        <translation>色度，%1 个音级</translation>
    </message>
    <message>
        <source>FFT %1, hop %2</source>
        <translation>FFT %1，帧移 %2</translation>
    </message>
    <message>
        <source>log: %1</source>
        <translation>对数：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n pieces of %1 frames</source>
        <translation><numerusform>%n 段，每段 %1 帧</numerusform></translation>
    </message>
    <message>
        <source>segments of %1 s</source>
        <translation>%1 秒的片段</translation>
    </message>
    <message>
        <source> every %1 s</source>
        <translation>，每 %1 秒一段</translation>
    </message>
    <message>
        <source>the whole song as one item</source>
        <translation>整首歌作为一项</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Second input</source>
        <translation>第二输入</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>类别</translation>
    </message>
    <message numerus="yes">
        <source>%n songs</source>
        <translation><numerusform>%n 首歌</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable files left out</source>
        <translation><numerusform>略去 %n 个无法读取的文件</numerusform></translation>
    </message>
    <message>
        <source>Trained on</source>
        <translation>训练数据集</translation>
    </message>
    <message>
        <source>optimiser %1</source>
        <translation>优化器 %1</translation>
    </message>
    <message>
        <source>learning rate %1</source>
        <translation>学习率 %1</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>批大小 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n epochs</source>
        <translation><numerusform>%n 轮</numerusform></translation>
    </message>
    <message>
        <source> of at most %1</source>
        <translation>（最多 %1 轮）</translation>
    </message>
    <message>
        <source>stopped early, best epoch %1 kept</source>
        <translation>提前停止，保留第 %1 轮的最佳模型</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>随机种子 %1</translation>
    </message>
    <message>
        <source>fold %1 of %2, split by song</source>
        <translation>第 %1 折（共 %2 折），按歌曲划分</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
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
        <translation>保存</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 ± %2&lt;/b&gt; per song</source>
        <translation>按歌曲 &lt;b&gt;%1 ± %2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>, %1 ± %2 per segment</source>
        <translation>，按片段 %1 ± %2</translation>
    </message>
    <message numerus="yes">
        <source>mean ± standard deviation over %n test folds</source>
        <translation><numerusform>%n 个测试折的均值 ± 标准差</numerusform></translation>
    </message>
    <message>
        <source>, range %1 to %2</source>
        <translation>，范围 %1 至 %2</translation>
    </message>
    <message>
        <source>macro F1 %1 ± %2</source>
        <translation>宏 F1 %1 ± %2</translation>
    </message>
    <message>
        <source>Cross-validated accuracy</source>
        <translation>交叉验证准确率</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; per song</source>
        <translation>按歌曲 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>embedded default model</source>
        <translation>内置默认模型</translation>
    </message>
    <message>
        <source>Song-level confusion matrix</source>
        <translation>歌曲级混淆矩阵</translation>
    </message>
    <message>
        <source>rows: true genre, columns: predicted genre; every test fold pooled</source>
        <translation>行：真实流派，列：预测流派；合并所有测试折</translation>
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
    <name>genrescope::ui::ComparisonView</name>
    <message>
        <source>(rejected)</source>
        <translation>（拒绝）</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Tick the models to compare (at least two).</source>
        <translation>勾选要比较的模型（至少两个）。</translation>
    </message>
    <message>
        <source>Add models…</source>
        <translation>添加模型…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per genre, or a CSV manifest</source>
        <translation>每个流派一个子文件夹的文件夹，或 CSV 清单</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Judge the models only on the test songs of a bundle's training split, so no model is scored on songs it was trained on.</source>
        <translation>仅在某个模型包训练划分的测试歌曲上评估模型，使任何模型都不会在其训练过的歌曲上被评分。</translation>
    </message>
    <message>
        <source>Songs:</source>
        <translation>歌曲：</translation>
    </message>
    <message>
        <source>Mean probability</source>
        <translation>平均概率</translation>
    </message>
    <message>
        <source>Majority vote</source>
        <translation>多数投票</translation>
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
        <source>Song rule:</source>
        <translation>歌曲规则：</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>运行比较</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Songs</source>
        <translation>歌曲</translation>
    </message>
    <message>
        <source>Segment accuracy</source>
        <translation>片段准确率</translation>
    </message>
    <message>
        <source>Song accuracy</source>
        <translation>歌曲准确率</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Model ms/song</source>
        <translation>模型 毫秒/首</translation>
    </message>
    <message>
        <source>Total ms/song</source>
        <translation>总计 毫秒/首</translation>
    </message>
    <message>
        <source>Mean time of the model's forward pass per song.</source>
        <translation>每首歌曲模型前向计算的平均时间。</translation>
    </message>
    <message>
        <source>Mean time per song of decoding, features and the model; files run in parallel, so the times include waiting for the cores.</source>
        <translation>每首歌曲解码、特征和模型的平均时间；文件并行处理，因此时间包含等待处理器核心的时间。</translation>
    </message>
    <message>
        <source>McNemar's test (song level)</source>
        <translation>McNemar 检验（歌曲级）</translation>
    </message>
    <message>
        <source>Model A</source>
        <translation>模型 A</translation>
    </message>
    <message>
        <source>Model B</source>
        <translation>模型 B</translation>
    </message>
    <message>
        <source>b: A right, B wrong</source>
        <translation>b：A 对，B 错</translation>
    </message>
    <message>
        <source>c: A wrong, B right</source>
        <translation>c：A 错，B 对</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>统计量</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Significant at 0.05</source>
        <translation>0.05 水平显著</translation>
    </message>
    <message>
        <source>Exact binomial test when b + c &lt; 25, otherwise chi-square with continuity correction. A p below 0.05 means the difference in accuracy is unlikely to be noise.</source>
        <translation>当 b + c &lt; 25 时使用精确二项检验，否则使用带连续性校正的卡方检验。p 小于 0.05 表示准确率差异不太可能是噪声。</translation>
    </message>
    <message>
        <source>Row percentages</source>
        <translation>行百分比</translation>
    </message>
    <message>
        <source>Confusion matrices</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Double-click a song to open it in the analysis view.</source>
        <translation>双击歌曲可在分析视图中打开。</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>分歧</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>跳过的文件</translation>
    </message>
    <message>
        <source>Export tables as CSV…</source>
        <translation>将表格导出为 CSV…</translation>
    </message>
    <message>
        <source>Export matrices as PNG or SVG…</source>
        <translation>将矩阵导出为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>Add models</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <source>Models (*.gsm *.pt *.pth *.ts);;All files (*)</source>
        <translation>模型 (*.gsm *.pt *.pth *.ts);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Dataset folder (one sub-folder per genre)</source>
        <translation>数据集文件夹（每个流派一个子文件夹）</translation>
    </message>
    <message>
        <source>Dataset manifest</source>
        <translation>数据集清单</translation>
    </message>
    <message>
        <source>CSV manifests (*.csv);;All files (*)</source>
        <translation>CSV 清单 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>All songs of the dataset</source>
        <translation>数据集中的全部歌曲</translation>
    </message>
    <message>
        <source>Test songs of %1's training split</source>
        <translation>%1 训练划分中的测试歌曲</translation>
    </message>
    <message>
        <source>Tick at least two models and choose a dataset.</source>
        <translation>请勾选至少两个模型并选择数据集。</translation>
    </message>
    <message>
        <source>Classifying every song with every model…</source>
        <translation>正在用每个模型分类每首歌曲…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 carries no training split with test songs; compare on all songs instead.</source>
        <translation>%1 不含带测试歌曲的训练划分；请改为在全部歌曲上比较。</translation>
    </message>
    <message>
        <source>The model %1 could not be loaded: %2</source>
        <translation>无法加载模型 %1：%2</translation>
    </message>
    <message>
        <source>The models do not fit the dataset: %1</source>
        <translation>模型与数据集不匹配：%1</translation>
    </message>
    <message>
        <source>The dataset was not found: %1</source>
        <translation>未找到数据集：%1</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n song(s) compared</source>
        <translation><numerusform>已比较 %n 首歌曲</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped</source>
        <translation><numerusform>跳过了 %n 个文件</numerusform></translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>比较已取消。</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>模型包</translation>
    </message>
    <message>
        <source>exact binomial</source>
        <translation>精确二项</translation>
    </message>
    <message>
        <source>chi-square, corrected</source>
        <translation>卡方（校正）</translation>
    </message>
    <message>
        <source>yes ✱</source>
        <translation>是 ✱</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1: song accuracy %2</source>
        <translation>%1：歌曲准确率 %2</translation>
    </message>
    <message>
        <source>Disagreements (%1)</source>
        <translation>分歧（%1）</translation>
    </message>
    <message>
        <source>Skipped files (%1)</source>
        <translation>跳过的文件（%1）</translation>
    </message>
    <message>
        <source>Song</source>
        <translation>歌曲</translation>
    </message>
    <message>
        <source>True genre</source>
        <translation>真实流派</translation>
    </message>
    <message>
        <source>There is no comparison to export yet.</source>
        <translation>尚无可导出的比较。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Folder for the CSV tables</source>
        <translation>CSV 表格的文件夹</translation>
    </message>
    <message>
        <source>Tables written to %1.</source>
        <translation>表格已写入 %1。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export matrices</source>
        <translation>导出矩阵</translation>
    </message>
    <message>
        <source>PNG images (*.png);;SVG drawings (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图形 (*.svg)</translation>
    </message>
    <message numerus="yes">
        <source>%n matrix file(s) written next to %1.</source>
        <translation><numerusform>已在 %1 旁写入 %n 个矩阵文件。</numerusform></translation>
    </message>
    <message>
        <source>Vote with threshold</source>
        <translation>带阈值的投票</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>A song is rejected when its winning genre has fewer segment votes than this</source>
        <translation>当胜出流派的片段票数少于此值时，该歌曲被拒绝</translation>
    </message>
    <message>
        <source>Min. votes:</source>
        <translation>最少票数：</translation>
    </message>
    <message>
        <source>Warning: %1 was trained or validated on %2 of these songs (matched by file name): its figures are not test figures.</source>
        <translation>警告：%1 在训练或验证时使用了其中 %2 首歌曲（按文件名匹配）：它的数值不是测试结果。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>True %1, rejected: %2 of %3 (%4%)</source>
        <translation>真实 %1，被拒绝：%3 中的 %2（%4%）</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 of %4 (%5%)</source>
        <translation>真实 %1，预测 %2：%4 中的 %3（%5%）</translation>
    </message>
    <message>
        <source>No evaluation to show</source>
        <translation>没有可显示的评估</translation>
    </message>
    <message>
        <source>Predicted genre</source>
        <translation>预测流派</translation>
    </message>
    <message>
        <source>True genre</source>
        <translation>真实流派</translation>
    </message>
    <message>
        <source>The image could not be encoded.</source>
        <translation>无法编码图像。</translation>
    </message>
    <message>
        <source>The drawing could not be started.</source>
        <translation>无法开始绘制。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::EvaluationView</name>
    <message>
        <source>mean probability</source>
        <translation>平均概率</translation>
    </message>
    <message>
        <source>majority vote</source>
        <translation>多数投票</translation>
    </message>
    <message>
        <source>vote with threshold</source>
        <translation>带阈值的投票</translation>
    </message>
    <message>
        <source>geometric mean</source>
        <translation>几何平均</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>This is a folder, not a model file.</source>
        <translation>这是一个文件夹，而不是模型文件。</translation>
    </message>
    <message>
        <source>You are not allowed to read or write this file.</source>
        <translation>您无权读取或写入此文件。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>The model was saved by a newer Genrescope; update the app to open it.</source>
        <translation>该模型由更新版本的 Genrescope 保存；请更新应用后再打开。</translation>
    </message>
    <message>
        <source>The file is not a valid Genrescope model or its evaluation is damaged.</source>
        <translation>该文件不是有效的 Genrescope 模型，或其评估已损坏。</translation>
    </message>
    <message>
        <source>The file could not be read or written.</source>
        <translation>无法读取或写入该文件。</translation>
    </message>
    <message>
        <source>Fold:</source>
        <translation>折：</translation>
    </message>
    <message>
        <source>One test fold, or every test fold pooled (each song is tested in exactly one fold)</source>
        <translation>单个测试折，或合并所有测试折（每首歌曲恰好在一个折中测试）</translation>
    </message>
    <message>
        <source>Song level</source>
        <translation>歌曲层级</translation>
    </message>
    <message>
        <source>Segment level</source>
        <translation>片段层级</translation>
    </message>
    <message>
        <source>Min. votes:</source>
        <translation>最少票数：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>A song is rejected when its winning genre has fewer segment votes than this</source>
        <translation>当胜出流派的片段票数少于此值时，该歌曲被拒绝</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Row %</source>
        <translation>行百分比</translation>
    </message>
    <message>
        <source>Colour and main figure: counts, or each true genre's row as percentages</source>
        <translation>颜色和主数字：计数，或按每个真实流派的行百分比</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Confusion matrix as PNG...</source>
        <translation>将混淆矩阵导出为 PNG…</translation>
    </message>
    <message>
        <source>Confusion matrix as SVG...</source>
        <translation>将混淆矩阵导出为 SVG…</translation>
    </message>
    <message>
        <source>Confusion matrix as CSV...</source>
        <translation>将混淆矩阵导出为 CSV…</translation>
    </message>
    <message>
        <source>Per-class metrics as CSV...</source>
        <translation>将各类别指标导出为 CSV…</translation>
    </message>
    <message>
        <source>Song list as CSV...</source>
        <translation>将歌曲列表导出为 CSV…</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <source>Song rule:</source>
        <translation>歌曲规则：</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Song</source>
        <translation>歌曲</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Segments in cell</source>
        <translation>单元格中的片段</translation>
    </message>
    <message>
        <source>Top genres (song scores)</source>
        <translation>主要流派（歌曲得分）</translation>
    </message>
    <message>
        <source>Songs in the selected cell</source>
        <translation>所选单元格中的歌曲</translation>
    </message>
    <message>
        <source>Open in Analysis</source>
        <translation>在分析视图中打开</translation>
    </message>
    <message>
        <source>Show the selected song with its segment timeline in the analysis view</source>
        <translation>在分析视图中显示所选歌曲及其片段时间线</translation>
    </message>
    <message>
        <source>No evaluation loaded: open a model with a stored evaluation or finish a training run.</source>
        <translation>未加载评估：请打开带有已存评估的模型，或完成一次训练。</translation>
    </message>
    <message>
        <source>The evaluation of %1 cannot be shown. %2</source>
        <translation>无法显示 %1 的评估。%2</translation>
    </message>
    <message>
        <source>The model has no stored evaluation; evaluate it on a labelled dataset instead.</source>
        <translation>该模型没有已存的评估；请改为在带标签的数据集上评估它。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>All folds pooled</source>
        <translation>所有折合并</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>第 %1 折</translation>
    </message>
    <message>
        <source>This evaluation was saved without segment probabilities, so only its own rule (%1) can be shown.</source>
        <translation>该评估保存时未包含片段概率，因此只能显示其原有规则（%1）。</translation>
    </message>
    <message>
        <source>The rule decides the song level; the segment level does not depend on it.</source>
        <translation>规则决定歌曲层级；片段层级与其无关。</translation>
    </message>
    <message>
        <source>How a song's segment probabilities become one genre</source>
        <translation>如何将歌曲各片段的概率合并为一个流派</translation>
    </message>
    <message>
        <source>%1, all folds pooled</source>
        <translation>%1，所有折合并</translation>
    </message>
    <message>
        <source>Songs</source>
        <translation>歌曲</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>%1, fold %2</source>
        <translation>%1，第 %2 折</translation>
    </message>
    <message>
        <source>Songs: accuracy %1% (%2 of %3), macro-F1 %4, rule: %5.</source>
        <translation>歌曲：准确率 %1%（%3 中的 %2），宏 F1 %4，规则：%5。</translation>
    </message>
    <message>
        <source>Rejected (too few votes): %1.</source>
        <translation>被拒绝（票数过少）：%1。</translation>
    </message>
    <message>
        <source>Segments: accuracy %1% (%2 of %3).</source>
        <translation>片段：准确率 %1%（%3 中的 %2）。</translation>
    </message>
    <message>
        <source>%1 test folds, mean ± standard deviation: song accuracy %2% ± %3, segment accuracy %4% ± %5, macro-F1 %6 ± %7.</source>
        <translation>%1 个测试折，均值 ± 标准差：歌曲准确率 %2% ± %3，片段准确率 %4% ± %5，宏 F1 %6 ± %7。</translation>
    </message>
    <message>
        <source>Stored without segment probabilities: the song rule cannot be changed.</source>
        <translation>保存时未包含片段概率：无法更改歌曲规则。</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to list its songs.</source>
        <translation>点击矩阵中的单元格以列出其中的歌曲。</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>true %1, predicted %2</source>
        <translation>真实 %1，预测 %2</translation>
    </message>
    <message>
        <source>Songs with segments in the cell %1: %2</source>
        <translation>在单元格 %1 中有片段的歌曲：%2</translation>
    </message>
    <message>
        <source>Songs in the cell %1: %2</source>
        <translation>单元格 %1 中的歌曲：%2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>暂无可导出的内容。</translation>
    </message>
    <message>
        <source>%1 could not be written. %2</source>
        <translation>无法写入 %1。%2</translation>
    </message>
    <message>
        <source>Click a cell of the matrix first: the song list is empty.</source>
        <translation>请先点击矩阵中的单元格：歌曲列表为空。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 图形 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
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
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>No audio output</source>
        <translation>无音频输出</translation>
    </message>
    <message>
        <source>Model trained and loaded: %1. Its evaluation is in the Evaluate tab.</source>
        <translation>模型已训练并加载：%1。其评估结果在“评估”标签页中。</translation>
    </message>
    <message>
        <source>Evaluate a Model</source>
        <translation>评估模型</translation>
    </message>
    <message>
        <source>Genrescope models (*.gsm);;All files (*)</source>
        <translation>Genrescope 模型 (*.gsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The evaluation stored in %1 could not be shown.</source>
        <translation>无法显示 %1 中保存的评估结果。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Train a Model</source>
        <translation>训练模型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Compare Models</source>
        <translation>比较模型(&amp;C)</translation>
    </message>
    <message>
        <source>Evaluate a Model &amp;File...</source>
        <translation>评估模型文件(&amp;F)...</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::MetricsTable</name>
    <message>
        <source>Genre</source>
        <translation>流派</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Per-class metrics</source>
        <translation>各类别指标</translation>
    </message>
    <message>
        <source>rejected (no decision)</source>
        <translation>被拒绝（无决定）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>宏平均</translation>
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
        <translation>歌曲规则：</translation>
    </message>
    <message>
        <source>Per model:</source>
        <translation>各模型：</translation>
    </message>
    <message>
        <source>Drop a song to see what the models say.</source>
        <translation>拖入一首歌，看看模型怎么说。</translation>
    </message>
    <message>
        <source>(rejected)</source>
        <translation>（拒绝）</translation>
    </message>
    <message>
        <source>no decision</source>
        <translation>无结论</translation>
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
    <message numerus="yes">
        <source>Classifying... %n segments so far</source>
        <translation><numerusform>正在分类… 已完成 %n 个片段</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n segments, %2 ms</source>
        <translation><numerusform>%1：%n 个片段，%2 毫秒</numerusform></translation>
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
    <name>genrescope::ui::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>色图：</translation>
    </message>
    <message>
        <source>Fit to the loudest part of each song (80 dB below it)</source>
        <translation>按每首歌最响的部分自动调整（其下 80 dB）</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>dB range:</source>
        <translation>dB 范围：</translation>
    </message>
    <message>
        <source>hop</source>
        <translation>帧移</translation>
    </message>
    <message>
        <source>FFT size (samples):</source>
        <translation>FFT 长度（采样点）：</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (graphics card)</source>
        <translation>CUDA（显卡）</translation>
    </message>
    <message>
        <source>This libtorch has no CUDA support, or no CUDA device is present.</source>
        <translation>此 libtorch 不支持 CUDA，或没有 CUDA 设备。</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Every core (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <source>Threads libtorch uses for one model; a change applies from the next song classified.</source>
        <translation>libtorch 为一个模型使用的线程数；更改从下一首分类的歌曲起生效。</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>The new language is used when Genrescope is started again.</source>
        <translation>新语言将在下次启动 Genrescope 时生效。</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::TrainingChart</name>
    <message>
        <source>Loss (solid: training, dashed: validation, thin: per batch)</source>
        <translation>损失（实线：训练，虚线：验证，细线：每批）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy (solid: training, dashed: validation)</source>
        <translation>准确率（实线：训练，虚线：验证）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Per batch</source>
        <translation>每批</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>第 %1 折</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
</context>
<context>
    <name>genrescope::ui::TrainingView</name>
    <message>
        <source>Computing features… %p%</source>
        <translation>正在计算特征… %p%</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Folder per genre, manifest CSV or feature table</source>
        <translation>按流派分的文件夹、清单 CSV 或特征表</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per genre, a CSV manifest (path,label[,split,group]) or a feature table in the features_30_sec.csv format (for table models such as "mlp")</source>
        <translation>每个流派一个子文件夹的文件夹、CSV 清单（path,label[,split,group]）或 features_30_sec.csv 格式的特征表（用于“mlp”等表格模型）</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>No dataset chosen.</source>
        <translation>尚未选择数据集。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Dataset folder (one sub-folder per genre)</source>
        <translation>数据集文件夹（每个流派一个子文件夹）</translation>
    </message>
    <message>
        <source>Manifest or feature table</source>
        <translation>清单或特征表</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Split by song</source>
        <translation>按歌曲划分</translation>
    </message>
    <message>
        <source>Train / validation / test</source>
        <translation>训练 / 验证 / 测试</translation>
    </message>
    <message>
        <source>k-fold cross-validation</source>
        <translation>k 折交叉验证</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Fractions:</source>
        <translation>比例：</translation>
    </message>
    <message>
        <source> folds</source>
        <translation> 折</translation>
    </message>
    <message>
        <source>Fold i is tested on and fold i+1 validates; the saved model is fold 1's, with every fold's test result in its card</source>
        <translation>第 i 折用于测试，第 i+1 折用于验证；保存的是第 1 折的模型，其卡片中含有每一折的测试结果</translation>
    </message>
    <message>
        <source>Seed of the split, the initialisation and the shuffling</source>
        <translation>划分、初始化和打乱所用的随机种子</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW (decoupled weight decay)</source>
        <translation>AdamW（解耦权重衰减）</translation>
    </message>
    <message>
        <source>SGD, Nesterov momentum 0.9</source>
        <translation>SGD，Nesterov 动量 0.9</translation>
    </message>
    <message>
        <source>Optimiser:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs</source>
        <translation>验证损失连续这么多轮未改善时停止</translation>
    </message>
    <message>
        <source>Early stopping:</source>
        <translation>提前停止：</translation>
    </message>
    <message>
        <source>Halve the learning rate when the validation loss has not improved for this many epochs</source>
        <translation>验证损失连续这么多轮未改善时将学习率减半</translation>
    </message>
    <message>
        <source>Halve the rate after:</source>
        <translation>学习率减半前等待：</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>Augmentation: a random gain per example (models reading dB spectrograms)</source>
        <translation>数据增强：每个样本随机增益（适用于读取 dB 频谱图的模型）</translation>
    </message>
    <message>
        <source>Random gain:</source>
        <translation>随机增益：</translation>
    </message>
    <message>
        <source>Augmentation: a random circular shift of up to this fraction of the time axis</source>
        <translation>数据增强：沿时间轴随机循环移位，最多为此比例</translation>
    </message>
    <message>
        <source>Random time shift:</source>
        <translation>随机时间移位：</translation>
    </message>
    <message>
        <source>libtorch threads and files featurised at once</source>
        <translation>libtorch 线程数及同时提取特征的文件数</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程：</translation>
    </message>
    <message>
        <source>Reuse features from the feature cache</source>
        <translation>复用特征缓存中的特征</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save the model as</source>
        <translation>将模型另存为</translation>
    </message>
    <message>
        <source>Genrescope models (*.gsm)</source>
        <translation>Genrescope 模型 (*.gsm)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the interrupted run whose checkpoints sit next to the model file</source>
        <translation>继续检查点位于模型文件旁的中断训练</translation>
    </message>
    <message>
        <source>Resume from…</source>
        <translation>从…继续</translation>
    </message>
    <message>
        <source>Continue the run stored in a checkpoint file you choose</source>
        <translation>继续您所选检查点文件中保存的训练</translation>
    </message>
    <message>
        <source>Checkpoint to continue</source>
        <translation>要继续的检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.ckpt *.ckpt.* *.fold*);;All files (*)</source>
        <translation>检查点 (*.ckpt *.ckpt.* *.fold*);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Export charts…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export history…</source>
        <translation>导出历史…</translation>
    </message>
    <message>
        <source>Export the charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1. Check that the folder exists and is writable.</source>
        <translation>无法写入 %1。请检查文件夹是否存在且可写。</translation>
    </message>
    <message>
        <source>Export the training history</source>
        <translation>导出训练历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>This model has no switches.</source>
        <translation>此模型没有开关。</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>正在扫描 %1…</translation>
    </message>
    <message>
        <source>Scan of %1 failed: %2</source>
        <translation>扫描 %1 失败：%2</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详情：%1</translation>
    </message>
    <message numerus="yes">
        <source>Feature table: %n row(s)</source>
        <translation><numerusform>特征表：%n 行</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation><numerusform>%n 个类别</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n feature column(s)</source>
        <translation><numerusform>%n 个特征列</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n audio file(s)</source>
        <translation><numerusform>%n 个音频文件</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation><numerusform>已排除 %n 个</numerusform></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>太短</translation>
    </message>
    <message>
        <source>not audio</source>
        <translation>不是音频</translation>
    </message>
    <message>
        <source>hidden file</source>
        <translation>隐藏文件</translation>
    </message>
    <message>
        <source>not in a genre folder</source>
        <translation>不在流派文件夹中</translation>
    </message>
    <message>
        <source>Choose a dataset first.</source>
        <translation>请先选择数据集。</translation>
    </message>
    <message>
        <source>Choose where to save the model first.</source>
        <translation>请先选择模型的保存位置。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>the checkpoint's model</source>
        <translation>检查点中的模型</translation>
    </message>
    <message>
        <source>Resuming from %1.</source>
        <translation>从 %1 继续。</translation>
    </message>
    <message>
        <source>Resuming %1 on %2 from its checkpoints.</source>
        <translation>正在从检查点继续在 %2 上训练 %1。</translation>
    </message>
    <message>
        <source>Training %1 on %2.</source>
        <translation>正在 %2 上训练 %1。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The settings do not fit this model or dataset.</source>
        <translation>这些设置与此模型或数据集不匹配。</translation>
    </message>
    <message>
        <source>A file or folder does not exist. Check the paths.</source>
        <translation>某个文件或文件夹不存在。请检查路径。</translation>
    </message>
    <message>
        <source>You do not have permission to read or write a file.</source>
        <translation>您没有读取或写入某个文件的权限。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>A file is not in the format expected (dataset CSV or checkpoint).</source>
        <translation>某个文件不是预期的格式（数据集 CSV 或检查点）。</translation>
    </message>
    <message>
        <source>The file was written by a newer Genrescope.</source>
        <translation>该文件由更新版本的 Genrescope 写入。</translation>
    </message>
    <message>
        <source>The data, checkpoint and model do not fit together.</source>
        <translation>数据、检查点和模型互不匹配。</translation>
    </message>
    <message>
        <source>This model cannot be trained in this build.</source>
        <translation>此版本无法训练该模型。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>Reading or writing a file failed.</source>
        <translation>读取或写入文件失败。</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>出现了问题。</translation>
    </message>
    <message numerus="yes">
        <source>Features ready: %n song(s)</source>
        <translation><numerusform>特征已就绪：%n 首歌曲</numerusform></translation>
    </message>
    <message>
        <source>%1 from the cache, %2 computed</source>
        <translation>%1 个来自缓存，%2 个新计算</translation>
    </message>
    <message>
        <source>Left out %1: %2</source>
        <translation>已排除 %1：%2</translation>
    </message>
    <message>
        <source>Fold %1 of %2.</source>
        <translation>第 %1 折，共 %2 折。</translation>
    </message>
    <message>
        <source>Continuing after epoch %1.</source>
        <translation>从第 %1 轮之后继续。</translation>
    </message>
    <message>
        <source>Fold %1/%2, epoch %3/%4</source>
        <translation>第 %1/%2 折，第 %3/%4 轮</translation>
    </message>
    <message>
        <source>Epoch %1/%2</source>
        <translation>第 %1/%2 轮</translation>
    </message>
    <message>
        <source>Fold %1: </source>
        <translation>第 %1 折：</translation>
    </message>
    <message>
        <source>test accuracy %1 per song, %2 per segment, macro-F1 %3 (best epoch %4%5).</source>
        <translation>测试准确率：按歌曲 %1，按片段 %2，宏 F1 %3（最佳轮次 %4%5）。</translation>
    </message>
    <message>
        <source>, stopped early</source>
        <translation>，已提前停止</translation>
    </message>
    <message>
        <source>finished without test songs (best epoch %1).</source>
        <translation>已完成，无测试歌曲（最佳轮次 %1）。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 folds: test accuracy %2 ± %3 per song, %4 ± %5 per segment.</source>
        <translation>%1 折：测试准确率按歌曲 %2 ± %3，按片段 %4 ± %5。</translation>
    </message>
    <message>
        <source>Saved the model to %1.</source>
        <translation>模型已保存到 %1。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Training cancelled. The checkpoint of the last finished epoch is kept; Resume continues from it.</source>
        <translation>训练已取消。最后完成的一轮的检查点已保留；点击“继续”可从该处继续。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>训练曲线</translation>
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