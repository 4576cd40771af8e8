<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home_screen.py" line="57" />
        <source>您好，欢迎办理</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="58" />
        <source>请点击下方按钮选择业务</source>
        <translation>Tap a button below to choose a service</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../idle.py" line="96" />
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../idle.py" line="103" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message numerus="yes">
        <location filename="../idle.py" line="139" />
        <source>%n 秒后将结束办理，并清除您的信息</source>
        <translation><numerusform>Your session ends in %n second and your details will be cleared</numerusform><numerusform>Your session ends in %n seconds and your details will be cleared</numerusform></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="86" />
        <source>一门通自助终端</source>
        <translation>Yimen self-service kiosk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87" />
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90" />
        <source>排队取号</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90" />
        <source>到窗口办理业务，请先取号</source>
        <translation>Queue for a service window</translation>
    </message>
</context>
<context>
    <name>TicketJourney</name>
    <message>
        <location filename="../screens/ticket_screen.py" line="76" />
        <source>请选择要办理的业务类别</source>
        <translation>Choose the kind of service you need</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="81" />
        <location filename="../screens/ticket_screen.py" line="130" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="85" />
        <source>正在为您取号，请稍候…</source>
        <translation>Getting your number, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="88" />
        <source>取号成功</source>
        <translation>Here is your number</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="105" />
        <source>手机扫码，随时查看叫号进度</source>
        <translation>Scan with your phone to follow the queue</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="123" />
        <source>暂时无法取号</source>
        <translation>No number can be issued right now</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="128" />
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