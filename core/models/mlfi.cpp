#include "mlfi.h"

#include "init.h"

namespace genrescope::models {

namespace nn = torch::nn;

namespace {
constexpr std::int64_t kAfeWidths[] = {1024, 512, 256, 128, 64};
constexpr std::int64_t kStats = 55;
constexpr std::int64_t kStep = 16;      // GRU input size: the 128-d conv vector is 8 steps of 16
constexpr std::int64_t kGruHidden = 64;
constexpr std::int64_t kConvVector = 128;

int visionLetterToLayer(char letter)
{
    // a..e = D5..D1
    return 5 - (letter - 'a');
}
} // namespace

MlfiNetImpl::MlfiNetImpl(const MlfiConfig &config, int numClasses) : m_config(config)
{
    TORCH_CHECK(config.audioPath >= 1 && config.audioPath <= 4, "MLFI audio path must be 1..4");
    TORCH_CHECK(config.visionPath >= 'a' && config.visionPath <= 'e', "MLFI vision path must be a..e");
    switch (config.mode) {
    case MlfiMode::Benchmark:
        break;
    case MlfiMode::Audio:
        m_audioLayer = config.audioPath;
        break;
    case MlfiMode::Vision:
        m_visionLayer = visionLetterToLayer(config.visionPath);
        break;
    case MlfiMode::TwoWay:
        m_audioLayer = config.audioPath;
        m_visionLayer = config.audioPath; // [k] <-> the letter naming D[k]
        break;
    }

    m_convs = register_module("vfe_convs", nn::ModuleList());
    m_bns = register_module("vfe_bns", nn::ModuleList());
    std::int64_t in = 1;
    for (std::int64_t w : {32, 64, 64, 128}) {
        m_convs->push_back(nn::Conv2d(nn::Conv2dOptions(in, w, 3).padding(1)));
        m_bns->push_back(nn::BatchNorm2d(kerasBn2d(w)));
        in = w;
    }
    m_gru1 = register_module("gru1", nn::GRU(nn::GRUOptions(kStep, kGruHidden).batch_first(true)));
    m_gru2 = register_module("gru2", nn::GRU(nn::GRUOptions(kGruHidden, kGruHidden).batch_first(true)));

    const std::int64_t joined = config.submode == MlfiSubmode::A ? kConvVector : kGruHidden;
    m_afe = register_module("afe", nn::ModuleList());
    in = kStats;
    for (int i = 0; i < 5; ++i) {
        if (m_audioLayer != 0 && m_audioLayer == i) // layer i (1-based) is followed by the join, so D[i+1] reads more
            in += joined;
        m_afe->push_back(nn::Linear(in, kAfeWidths[i]));
        in = kAfeWidths[i];
    }
    m_head = register_module("head", nn::Linear(kGruHidden + kAfeWidths[4], numClasses));
    initKernels(*this, InitScheme::GlorotUniform);
}

torch::Tensor MlfiNetImpl::forward(const torch::Tensor &x, const torch::Tensor &aux)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 1, "MLFI: expected a segment [B, 1, 128, 130], got ", x.sizes());
    TORCH_CHECK(aux.defined() && aux.dim() == 2 && aux.size(1) == kStats && aux.size(0) == x.size(0),
                "MLFI: expected the statistics [B, 55] as second input");

    // Visual feature extractor: Conv-BN-ReLU-pool-dropout x4, pools max 2, avg 4, avg 4, max 4.
    auto h = x;
    for (size_t i = 0; i < m_convs->size(); ++i) {
        h = torch::relu(m_bns[i]->as<nn::BatchNorm2d>()->forward(m_convs[i]->as<nn::Conv2d>()->forward(h)));
        if (i == 0)
            h = torch::max_pool2d(h, 2);
        else if (i == 3)
            h = torch::max_pool2d(h, 4);
        else
            h = torch::avg_pool2d(h, 4);
        h = torch::dropout(h, 0.1, is_training());
    }
    const auto vectorA = h.flatten(1); // [B, 128] on the full segment
    TORCH_CHECK(vectorA.size(1) == kConvVector, "MLFI: the segment must be 128x130 (conv output ",
                vectorA.size(1), " values)");

    auto runGru = [this](torch::Tensor seq) {
        seq = std::get<0>(m_gru1->forward(seq));
        seq = std::get<0>(m_gru2->forward(seq));
        return seq.select(1, seq.size(1) - 1);
    };
    auto sequence = vectorA.reshape({x.size(0), kConvVector / kStep, kStep});

    auto a = aux;
    torch::Tensor vectorB;
    for (int layer = 1; layer <= 5; ++layer) {
        a = torch::relu(m_afe[layer - 1]->as<nn::Linear>()->forward(a));
        if (layer == m_visionLayer) {
            // D[layer] joins the GRU's sequence as n/16 extra steps of 16.
            vectorB = runGru(torch::cat({sequence, a.reshape({a.size(0), -1, kStep})}, 1));
        }
        if (layer == m_audioLayer) {
            if (m_config.submode == MlfiSubmode::B && !vectorB.defined())
                vectorB = runGru(sequence);
            a = torch::cat({a, m_config.submode == MlfiSubmode::A ? vectorA : vectorB}, 1);
        }
    }
    if (!vectorB.defined())
        vectorB = runGru(sequence);
    return m_head->forward(torch::cat({vectorB, a}, 1));
}

} // namespace genrescope::models
