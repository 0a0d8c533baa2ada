#include "bcnn.h"

#include "init.h"

namespace genrescope::models {

namespace nn = torch::nn;

namespace {

nn::Conv2d convNoBias(std::int64_t in, std::int64_t out, std::int64_t k, std::int64_t stride = 1)
{
    return nn::Conv2d(nn::Conv2dOptions(in, out, k).stride(stride).padding(k / 2).bias(false));
}

class FeatureNetImpl : public nn::Module
{
public:
    virtual torch::Tensor forward(const torch::Tensor &x) = 0; ///< [B, C] after global average pooling
};

/** ResNet BasicBlock (torchvision): 3x3-BN-ReLU-3x3-BN + shortcut (1x1 conv + BN when the shape changes). */
class BasicBlockImpl : public nn::Module
{
public:
    BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride)
    {
        conv1 = register_module("conv1", convNoBias(in, out, 3, stride));
        bn1 = register_module("bn1", nn::BatchNorm2d(out));
        conv2 = register_module("conv2", convNoBias(out, out, 3));
        bn2 = register_module("bn2", nn::BatchNorm2d(out));
        if (stride != 1 || in != out)
            downsample = register_module("downsample",
                                         nn::Sequential(convNoBias(in, out, 1, stride), nn::BatchNorm2d(out)));
    }
    torch::Tensor forward(const torch::Tensor &x)
    {
        auto h = torch::relu(bn1->forward(conv1->forward(x)));
        h = bn2->forward(conv2->forward(h));
        return torch::relu(h + (downsample ? downsample->forward(x) : x));
    }
    nn::Conv2d conv1{nullptr}, conv2{nullptr};
    nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
    nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

/** ResNet v1.5 Bottleneck (torchvision): 1x1 - 3x3 (stride here) - 1x1 x4, each with BN. */
class BottleneckImpl : public nn::Module
{
public:
    BottleneckImpl(std::int64_t in, std::int64_t width, std::int64_t stride)
    {
        const std::int64_t out = width * 4;
        conv1 = register_module("conv1", convNoBias(in, width, 1));
        bn1 = register_module("bn1", nn::BatchNorm2d(width));
        conv2 = register_module("conv2", convNoBias(width, width, 3, stride));
        bn2 = register_module("bn2", nn::BatchNorm2d(width));
        conv3 = register_module("conv3", convNoBias(width, out, 1));
        bn3 = register_module("bn3", nn::BatchNorm2d(out));
        if (stride != 1 || in != out)
            downsample = register_module("downsample",
                                         nn::Sequential(convNoBias(in, out, 1, stride), nn::BatchNorm2d(out)));
    }
    torch::Tensor forward(const torch::Tensor &x)
    {
        auto h = torch::relu(bn1->forward(conv1->forward(x)));
        h = torch::relu(bn2->forward(conv2->forward(h)));
        h = bn3->forward(conv3->forward(h));
        return torch::relu(h + (downsample ? downsample->forward(x) : x));
    }
    nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    nn::Sequential downsample{nullptr};
};
TORCH_MODULE(Bottleneck);

/**
 * torchvision ResNet without `fc`: ImageNet stem (7x7/2 + MaxPool 3/2) or the small variant's stem
 * (3x3/2 + MaxPool 2), four stages.
 */
class ResNetImpl : public FeatureNetImpl
{
public:
    ResNetImpl(bool bottleneck, std::vector<int> blocks, std::vector<std::int64_t> widths, bool smallStem)
    {
        const std::int64_t stemWidth = smallStem ? widths[0] : 64;
        conv1 = register_module("conv1", convNoBias(3, stemWidth, smallStem ? 3 : 7, 2));
        bn1 = register_module("bn1", nn::BatchNorm2d(stemWidth));
        m_smallStem = smallStem;
        std::int64_t in = stemWidth;
        for (size_t s = 0; s < blocks.size(); ++s) {
            auto stage = nn::Sequential();
            for (int b = 0; b < blocks[s]; ++b) {
                const std::int64_t stride = (b == 0 && s > 0) ? 2 : 1;
                if (bottleneck) {
                    stage->push_back(Bottleneck(in, widths[s], stride));
                    in = widths[s] * 4;
                } else {
                    stage->push_back(BasicBlock(in, widths[s], stride));
                    in = widths[s];
                }
            }
            m_layers.push_back(register_module("layer" + std::to_string(s + 1), stage));
        }
        m_out = in;
    }
    torch::Tensor forward(const torch::Tensor &x) override
    {
        auto h = torch::relu(bn1->forward(conv1->forward(x)));
        h = m_smallStem ? torch::max_pool2d(h, 2) : torch::max_pool2d(h, 3, 2, 1);
        for (auto &layer : m_layers)
            h = layer->forward(h);
        return h.mean({2, 3});
    }
    std::int64_t outFeatures() const { return m_out; }

private:
    nn::Conv2d conv1{nullptr};
    nn::BatchNorm2d bn1{nullptr};
    std::vector<nn::Sequential> m_layers;
    bool m_smallStem = false;
    std::int64_t m_out = 0;
};

/** DenseNet-BC bottleneck layer (torchvision _DenseLayer, drop rate 0). */
class DenseLayerImpl : public nn::Module
{
public:
    DenseLayerImpl(std::int64_t in, std::int64_t growth, std::int64_t bottleneckWidth)
    {
        norm1 = register_module("norm1", nn::BatchNorm2d(in));
        conv1 = register_module("conv1", convNoBias(in, bottleneckWidth, 1));
        norm2 = register_module("norm2", nn::BatchNorm2d(bottleneckWidth));
        conv2 = register_module("conv2", convNoBias(bottleneckWidth, growth, 3));
    }
    torch::Tensor forward(const torch::Tensor &x)
    {
        auto h = conv1->forward(torch::relu(norm1->forward(x)));
        return conv2->forward(torch::relu(norm2->forward(h)));
    }
    nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
    nn::Conv2d conv1{nullptr}, conv2{nullptr};
};
TORCH_MODULE(DenseLayer);

/** torchvision DenseNet `features` (+ the final ReLU and global average pool of its forward). */
class DenseNetImpl : public FeatureNetImpl
{
public:
    DenseNetImpl(std::int64_t growth, std::vector<int> blocks, std::int64_t initWidth, std::int64_t bottleneckWidth,
                 bool smallStem)
    {
        m_smallStem = smallStem;
        conv0 = register_module("conv0", convNoBias(3, initWidth, smallStem ? 3 : 7, 2));
        norm0 = register_module("norm0", nn::BatchNorm2d(initWidth));
        std::int64_t channels = initWidth;
        for (size_t b = 0; b < blocks.size(); ++b) {
            auto block = nn::ModuleList();
            for (int i = 0; i < blocks[b]; ++i)
                block->push_back(DenseLayer(channels + i * growth, growth, bottleneckWidth));
            channels += blocks[b] * growth;
            m_blocks.push_back(register_module("denseblock" + std::to_string(b + 1), block));
            if (b + 1 < blocks.size()) {
                auto t = nn::Sequential(nn::BatchNorm2d(channels), nn::ReLU(),
                                        convNoBias(channels, channels / 2, 1), nn::AvgPool2d(nn::AvgPool2dOptions(2)));
                channels /= 2;
                m_transitions.push_back(register_module("transition" + std::to_string(b + 1), t));
            }
        }
        norm5 = register_module("norm5", nn::BatchNorm2d(channels));
        m_out = channels;
    }
    torch::Tensor forward(const torch::Tensor &x) override
    {
        auto h = torch::relu(norm0->forward(conv0->forward(x)));
        h = m_smallStem ? torch::max_pool2d(h, 2) : torch::max_pool2d(h, 3, 2, 1);
        for (size_t b = 0; b < m_blocks.size(); ++b) {
            std::vector<torch::Tensor> features{h};
            for (const auto &layer : *m_blocks[b])
                features.push_back(layer->as<DenseLayerImpl>()->forward(torch::cat(features, 1)));
            h = torch::cat(features, 1);
            if (b < m_transitions.size())
                h = m_transitions[b]->forward(h);
        }
        return torch::relu(norm5->forward(h)).mean({2, 3});
    }
    std::int64_t outFeatures() const { return m_out; }

private:
    nn::Conv2d conv0{nullptr};
    nn::BatchNorm2d norm0{nullptr}, norm5{nullptr};
    std::vector<nn::ModuleList> m_blocks;
    std::vector<nn::Sequential> m_transitions;
    bool m_smallStem = false;
    std::int64_t m_out = 0;
};

} // namespace

BcnnNetImpl::BcnnNetImpl(BcnnVariant variant, int numClasses) : m_variant(variant)
{
    std::shared_ptr<ResNetImpl> resnet;
    std::shared_ptr<DenseNetImpl> densenet;
    switch (variant) {
    case BcnnVariant::Resnet50Densenet201:
        resnet = std::make_shared<ResNetImpl>(true, std::vector<int>{3, 4, 6, 3},
                                              std::vector<std::int64_t>{64, 128, 256, 512}, false);
        densenet = std::make_shared<DenseNetImpl>(32, std::vector<int>{6, 12, 48, 32}, 64, 128, false);
        break;
    case BcnnVariant::Resnet18Densenet121:
        resnet = std::make_shared<ResNetImpl>(false, std::vector<int>{2, 2, 2, 2},
                                              std::vector<std::int64_t>{64, 128, 256, 512}, false);
        densenet = std::make_shared<DenseNetImpl>(32, std::vector<int>{6, 12, 24, 16}, 64, 128, false);
        break;
    case BcnnVariant::Small:
        resnet = std::make_shared<ResNetImpl>(false, std::vector<int>{1, 1, 1, 1},
                                              std::vector<std::int64_t>{16, 32, 64, 128}, true);
        densenet = std::make_shared<DenseNetImpl>(12, std::vector<int>{4, 4, 4}, 24, 48, true);
        break;
    }
    const std::int64_t fused = resnet->outFeatures() + densenet->outFeatures();
    m_resnet = register_module("resnet", resnet);
    m_densenet = register_module("densenet", densenet);
    if (variant == BcnnVariant::Small)
        m_dropout = register_module("dropout", nn::Dropout(0.3));
    m_fc = register_module("fc", nn::Linear(fused, numClasses));

    // torchvision's initialisation
    torch::NoGradGuard noGrad;
    for (auto &m : modules(/*include_self=*/false)) {
        if (auto *c = m->as<nn::Conv2d>())
            nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
        else if (auto *bn = m->as<nn::BatchNorm2d>()) {
            nn::init::ones_(bn->weight);
            nn::init::zeros_(bn->bias);
        }
    }
    nn::init::zeros_(m_fc->bias);
}

torch::Tensor BcnnNetImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 3, "BCNN: expected input [B, 3, 128, T], got ", x.sizes());
    auto r = static_cast<ResNetImpl *>(m_resnet.get())->forward(x);
    auto d = static_cast<DenseNetImpl *>(m_densenet.get())->forward(x);
    auto h = torch::cat({r, d}, 1);
    if (m_dropout)
        h = m_dropout->forward(h);
    return m_fc->forward(h);
}

} // namespace genrescope::models
