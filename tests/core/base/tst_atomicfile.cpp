#include "base/atomicfile.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <sys/resource.h>
#include <csignal>

using namespace genrescope::base;
namespace fs = std::filesystem;

class TestAtomicFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesAndReadsBack()
    {
        QTemporaryDir dir;
        const fs::path p = fs::path(dir.path().toStdString()) / "model.bin";
        QVERIFY(writeFileAtomically(p, "hello").ok());
        QCOMPARE(QString::fromStdString(readFile(p).value()), QString("hello"));
        QVERIFY(writeFileAtomically(p, std::string(100000, 'x')).ok());
        QCOMPARE(readFile(p).value().size(), size_t(100000));
    }
    void leavesNoTemporaryFiles()
    {
        QTemporaryDir dir;
        const fs::path p = fs::path(dir.path().toStdString()) / "a.json";
        for (int i = 0; i < 5; ++i)
            QVERIFY(writeFileAtomically(p, std::to_string(i)).ok());
        int count = 0;
        for ([[maybe_unused]] auto &e : fs::directory_iterator(dir.path().toStdString()))
            ++count;
        QCOMPARE(count, 1);
    }
    void fullDiskKeepsThePreviousFile()
    {
        // A file-size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC.
        QTemporaryDir dir;
        const fs::path p = fs::path(dir.path().toStdString()) / "checkpoint.bin";
        QVERIFY(writeFileAtomically(p, "previous").ok());

        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
        rlimit small = old;
        small.rlim_cur = 1024;
        QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
        auto s = writeFileAtomically(p, std::string(1 << 20, 'y'));
        setrlimit(RLIMIT_FSIZE, &old);

        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::DiskFull);
        QCOMPARE(QString::fromStdString(readFile(p).value()), QString("previous"));
        int count = 0;
        for ([[maybe_unused]] auto &e : fs::directory_iterator(dir.path().toStdString()))
            ++count;
        QCOMPARE(count, 1);
    }
    void missingFolderIsAnError()
    {
        auto s = writeFileAtomically("/nonexistent-folder-xyz/file", "x");
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::FileNotFound);
    }
    void readErrorsAreValues()
    {
        QCOMPARE(readFile("/nonexistent-file-xyz").error().code, ErrorCode::FileNotFound);
        QTemporaryDir dir;
        QCOMPARE(readFile(dir.path().toStdString()).error().code, ErrorCode::IsDirectory);
        const fs::path p = fs::path(dir.path().toStdString()) / "big";
        QVERIFY(writeFileAtomically(p, std::string(100, 'z')).ok());
        QCOMPARE(readFile(p, 10).error().code, ErrorCode::TooLarge);
    }
    void errnoMapping()
    {
        QCOMPARE(errorCodeFromErrno(ENOSPC), ErrorCode::DiskFull);
        QCOMPARE(errorCodeFromErrno(EACCES), ErrorCode::PermissionDenied);
        QCOMPARE(errorCodeFromErrno(EIO), ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
