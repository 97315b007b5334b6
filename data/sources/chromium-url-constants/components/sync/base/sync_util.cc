// Copyright 2015 The Chromium Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

namespace syncer {
namespace internal {

const char* const kSyncServerUrl = "https://clients4.google.com/chrome-sync";

const char* const kSyncDevServerUrl =
    "https://clients4.google.com/chrome-sync/dev";
