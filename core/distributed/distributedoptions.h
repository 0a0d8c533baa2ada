#pragma once

#include "base/result.h"

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace genrescope::distributed {

/** A rendezvous address: rank 0 listens on it (TCPStore), the other ranks connect to it. */
struct Endpoint
{
    std::string host; ///< name or address of rank 0's machine (IPv6 without brackets)
    int port = 0;     ///< 1..65535
};

/** Where and as which rank a process joins a distributed run. */
struct DistributedOptions
{
    std::string host = "127.0.0.1";
    int port = 29500;
    int worldSize = 1; ///< processes in the run; 1 = not distributed
    int rank = 0;      ///< 0 .. worldSize-1; rank 0 hosts the rendezvous and writes the results
    /**
     * Bounds the rendezvous (every rank must have joined within it) and every collective operation
     * (a rank that died or stopped answering ends the others with an error after at most this long).
     * It must also exceed the time by which one rank can fall behind the others between two
     * collectives (e.g. featurising files the others found in the cache).
     */
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};

    bool distributed() const { return worldSize > 1; }

    /** InvalidArgument unless 1 <= worldSize, 0 <= rank < worldSize, 1 <= port <= 65535, host not empty. */
    base::Status validate() const;

    /**
     * The variables torchrun sets: MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK. None set = one process
     * (worldSize 1). WORLD_SIZE > 1 without MASTER_ADDR/MASTER_PORT/RANK, or values that are not
     * numbers, are InvalidArgument naming the variable.
     */
    static base::Result<DistributedOptions> fromEnvironment();
};

/** "HOST:PORT", "[IPv6]:PORT". InvalidArgument (with the text) when it is not one. */
base::Result<Endpoint> parseRendezvous(std::string_view text);

/** "R/N" with 0 <= R < N: {R, N}. InvalidArgument otherwise. */
base::Result<std::pair<int, int>> parseShard(std::string_view text);

} // namespace genrescope::distributed
