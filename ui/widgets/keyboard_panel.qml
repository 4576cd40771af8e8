import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    InputPanel {
        id: panel
        objectName: "panel"
        // Its height follows its width (about 0.31 of it): on a landscape screen a keyboard as
        // wide as the screen would be taller than the 400 px the window gives it.
        width: Math.min(root.width, 1280)
        anchors.bottom: root.bottom
        anchors.horizontalCenter: root.horizontalCenter
    }
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }
}
