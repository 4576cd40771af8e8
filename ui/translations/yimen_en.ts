<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../screens/admin_screen.py" line="103" />
        <source>终端维护</source>
        <translation>Terminal maintenance</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="110" />
        <source>读卡测试</source>
        <translation>Test the card reader</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="111" />
        <source>打印测试页</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="112" />
        <source>摄像头测试</source>
        <translation>Test the camera</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="113" />
        <source>补打上一张凭条</source>
        <translation>Reprint the last ticket</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="114" />
        <source>退出程序</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="115" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="121" />
        <source>演示：放置示例身份证</source>
        <translation>Demo: place the sample ID card</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="142" />
        <source>没有设备报告状态</source>
        <translation>No device has reported yet</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="156" />
        <source>正在执行…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="161" />
        <source>失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="169" />
        <source>测试页已打印</source>
        <translation>Test page printed</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="176" />
        <source>已补打上一张凭条</source>
        <translation>Last ticket reprinted</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="182" />
        <source>本终端未配置读卡器</source>
        <translation>This terminal has no card reader configured</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="188" />
        <source>读卡成功：%1</source>
        <translation>Card read: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="199" />
        <source>本终端未配置摄像头</source>
        <translation>This terminal has no camera configured</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="210" />
        <source>摄像头正常：%1x%2</source>
        <translation>Camera works: %1x%2</translation>
    </message>
</context>
<context>
    <name>DeviceNotices</name>
    <message>
        <location filename="../device_notices.py" line="15" />
        <source>打印机缺纸</source>
        <translation>The printer is out of paper</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="17" />
        <source>打印机盖未关好</source>
        <translation>The printer cover is open</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="18" />
        <source>打印机暂不可用</source>
        <translation>The printer is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="20" />
        <source>身份证读卡器暂不可用</source>
        <translation>The ID card reader is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="22" />
        <source>扫码摄像头暂不可用</source>
        <translation>The QR camera is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="23" />
        <source>设备暂不可用</source>
        <translation>A device is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="31" />
        <source>%1，请到服务台办理</source>
        <translation>%1: please go to the help desk</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="35" />
        <source>%1，号码将显示在屏幕上，请拍照记下</source>
        <translation>%1: your number will be shown on screen, take a photo of it</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home_screen.py" line="67" />
        <source>您好，欢迎办理</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="68" />
        <source>请点击下方按钮选择业务</source>
        <translation>Tap a button below to choose a service</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="81" />
        <source>标准模式</source>
        <translation>Standard text</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="81" />
        <source>长者模式 · 大字</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../idle.py" line="116" />
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../idle.py" line="117" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message numerus="yes">
        <location filename="../idle.py" line="145" />
        <source>%n 秒后将结束办理，并清除您的信息</source>
        <translation><numerusform>Your session ends in %n second and your details will be cleared</numerusform><numerusform>Your session ends in %n seconds and your details will be cleared</numerusform></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="96" />
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>一门通自助终端</source>
        <translation>Yimen self-service kiosk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120" />
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123" />
        <source>排队取号</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123" />
        <source>到窗口办理业务，请先取号</source>
        <translation>Queue for a service window</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174" />
        <source>请选择要办理的业务类别</source>
        <translation>Choose the kind of service you need</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177" />
        <source>您的号码是 %1，请取走凭条。</source>
        <translation>Your number is %1. Please take your ticket.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179" />
        <source>您的号码是 %1。凭条未能打印，请记住您的号码。</source>
        <translation>Your number is %1. The ticket could not be printed: please remember your number.</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../widgets/keypad.py" line="29" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>PinOverlay</name>
    <message>
        <location filename="../screens/admin_screen.py" line="51" />
        <source>维护密码</source>
        <translation>Maintenance PIN</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="57" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="58" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/admin_screen.py" line="87" />
        <source>错误次数过多，请 %n 秒后再试</source>
        <translation><numerusform>Too many wrong PINs: try again in %n second</numerusform><numerusform>Too many wrong PINs: try again in %n seconds</numerusform></translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="89" />
        <source>密码不正确</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>TicketJourney</name>
    <message>
        <location filename="../screens/ticket_screen.py" line="75" />
        <source>请选择要办理的业务类别</source>
        <translation>Choose the kind of service you need</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="80" />
        <location filename="../screens/ticket_screen.py" line="129" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="84" />
        <source>正在为您取号，请稍候…</source>
        <translation>Getting your number, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="87" />
        <source>取号成功</source>
        <translation>Here is your number</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="104" />
        <source>手机扫码，随时查看叫号进度</source>
        <translation>Scan with your phone to follow the queue</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="122" />
        <source>暂时无法取号</source>
        <translation>No number can be issued right now</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="127" />
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="211" />
        <source>前面还有 %n 人等候</source>
        <translation><numerusform>%n person waiting ahead of you</numerusform><numerusform>%n people waiting ahead of you</numerusform></translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="213" />
        <source>前面没有人等候，请留意叫号</source>
        <translation>Nobody is ahead of you: watch for your number</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="215" />
        <source>，预计等候约 %n 分钟</source>
        <translation><numerusform>, about %n minute</numerusform><numerusform>, about %n minutes</numerusform></translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="219" />
        <source>请取走下方打印的排队凭条</source>
        <translation>Please take your printed ticket below</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="222" />
        <source>凭条未能打印，请记住您的号码或用手机拍下此屏幕</source>
        <translation>The ticket could not be printed: remember your number or take a photo of this screen</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="239" />
        <source>网络暂时不通，请稍后重试，或到服务台人工取号。</source>
        <translation>The network is down. Try again shortly, or ask at the help desk for a number.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="243" />
        <source>系统暂时出现故障，请到服务台人工取号。</source>
        <translation>The system has a fault. Please ask at the help desk for a number.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="248" />
        <source>完成（%n 秒后返回首页）</source>
        <translation><numerusform>Done (back to start in %n second)</numerusform><numerusform>Done (back to start in %n seconds)</numerusform></translation>
    </message>
</context>
</TS>