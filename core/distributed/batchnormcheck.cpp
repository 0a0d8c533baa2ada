#include "distributed/batchnormcheck.h"

#include "models/genrenet.h"
#include "models/registry.h"

#include <torch/torch.h>

namespace genrescope::distributed {

base::Result<bool> usesBatchNorm(const std::string &architecture, const QJsonObject &config)
{
    try {
        auto net = models::createModel(architecture, config, 10);
        if (!net.ok())
            return net.error();
        for (const auto &m : (*net)->modules(/*include_self=*/false))
            if (m->as<torch::nn::BatchNorm1d>() || m->as<torch::nn::BatchNorm2d>() || m->as<torch::nn::BatchNorm3d>())
                return true;
        return false;
    } catch (const std::exception &e) {
        return base::makeError(base::ErrorCode::Internal, std::string("inspecting ") + architecture + ": " + e.what());
    }
}

} // namespace genrescope::distributed
