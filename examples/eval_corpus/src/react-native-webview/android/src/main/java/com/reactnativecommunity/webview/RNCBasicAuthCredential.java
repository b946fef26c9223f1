package com.reactnativecommunity.webview;

class RNCBasicAuthCredential {
    String username;
    String password;

    RNCBasicAuthCredential(String username, String password) {
        this.username = username;
        this.password = password;
    }
}