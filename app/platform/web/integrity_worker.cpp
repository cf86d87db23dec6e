// integrity_worker.cpp — platform::StartIntegrityCheck in the browser: the
// check runs in a Web Worker (shell/db_check.js, app/web_worker/db_check),
// asked once per step whether it has answered. Where a worker cannot run or
// fails, the check runs here, in the call (a long frame, but an answer).

#include "js_imports.h"
#include "platform.h"
#include "storage/database.h"

#include <memory>
#include <string>

namespace htk::platform {
namespace {

std::string CheckHere(std::string_view bytes) {
    return Database::CheckImageIntegrity(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

class WorkerCheck : public IntegrityCheck {
public:
    WorkerCheck(int id, std::string_view bytes) : id_(id), bytes_(bytes) {}
    ~WorkerCheck() override { htk_check_drop(id_); }  // a worker still checking is ended

    bool Done(std::string* result) override {
        switch (htk_check_poll(id_)) {
            case 0:
                return false;
            case 1: {
                char text[1024];
                htk_check_result(id_, text, sizeof text);
                *result = text;
                return true;
            }
            default:
                *result = CheckHere(bytes_);
                return true;
        }
    }

private:
    int id_;
    std::string_view bytes_;
};

class CheckedHere : public IntegrityCheck {
public:
    explicit CheckedHere(std::string_view bytes) : result_(CheckHere(bytes)) {}
    bool Done(std::string* result) override {
        *result = result_;
        return true;
    }

private:
    std::string result_;
};

}  // namespace

std::unique_ptr<IntegrityCheck> StartIntegrityCheck(std::string_view bytes) {
    const int id = htk_check_start(bytes.data(), int(bytes.size()));
    if (id < 0) return std::make_unique<CheckedHere>(bytes);
    return std::make_unique<WorkerCheck>(id, bytes);
}

}  // namespace htk::platform
