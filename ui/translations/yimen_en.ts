<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../screens/admin_screen.py" line="88"/>
        <source>终端维护</source>
        <translation>Terminal maintenance</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="95"/>
        <source>读卡测试</source>
        <translation>Test the card reader</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="96"/>
        <source>打印测试页</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="97"/>
        <source>摄像头测试</source>
        <translation>Test the camera</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="98"/>
        <source>补打上一张凭条</source>
        <translation>Reprint the last ticket</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="99"/>
        <source>退出程序</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="100"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="106"/>
        <source>演示：放置示例身份证</source>
        <translation>Demo: place the sample ID card</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="127"/>
        <source>没有设备报告状态</source>
        <translation>No device has reported yet</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="141"/>
        <source>正在执行…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="146"/>
        <source>失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="154"/>
        <source>测试页已打印</source>
        <translation>Test page printed</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="161"/>
        <source>已补打上一张凭条</source>
        <translation>Last ticket reprinted</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="167"/>
        <source>本终端未配置读卡器</source>
        <translation>This terminal has no card reader configured</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="173"/>
        <source>读卡成功：%1</source>
        <translation>Card read: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="184"/>
        <source>本终端未配置摄像头</source>
        <translation>This terminal has no camera configured</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="195"/>
        <source>摄像头正常：%1x%2</source>
        <translation>Camera works: %1x%2</translation>
    </message>
</context>
<context>
    <name>CaseDelivery</name>
    <message>
        <location filename="../screens/case_submit.py" line="183"/>
        <source>EMS 邮寄至 %1</source>
        <translation>EMS to %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="187"/>
        <source>电子送达</source>
        <translation>Electronic delivery</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="188"/>
        <source>到窗口领取</source>
        <translation>Collect at a window</translation>
    </message>
</context>
<context>
    <name>CaseJourney</name>
    <message>
        <location filename="../screens/case_screen.py" line="79"/>
        <source>社工登录（代办）</source>
        <translation>Staff sign-in (on behalf)</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="80"/>
        <source>代办记录</source>
        <translation>Shift records</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="88"/>
        <source>请填写申请信息</source>
        <translation>Fill in the application</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="91"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="91"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="95"/>
        <source>正在提交，请稍候…</source>
        <translation>Submitting, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="98"/>
        <source>暂时无法提交</source>
        <translation>Cannot submit right now</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="100"/>
        <source>申请未能保存，请重试；仍不成功请到窗口办理。</source>
        <translation>The application could not be saved. Please try again, or apply at a window.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="106"/>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="106"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="167"/>
        <source>事项目录暂不可用，请稍后再试或到窗口办理。</source>
        <translation>The list of services is not available. Please try later or apply at a window.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="227"/>
        <source>申请已提交，正在打印回执…</source>
        <translation>Submitted. Printing your receipt…</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="277"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="278"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="281"/>
        <source>代办人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="366"/>
        <source>申请已安全保存在本机，联网后自动上传。</source>
        <translation>Your application is saved safely on this terminal and will be uploaded when the network is back.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="379"/>
        <source>未登录：以下为市民自助申请</source>
        <translation>No staff signed in: citizens apply for themselves</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="381"/>
        <source>代办中：工号 %1</source>
        <translation>On behalf: staff %1</translation>
    </message>
</context>
<context>
    <name>DeliveryPage</name>
    <message>
        <location filename="../screens/case_submit.py" line="28"/>
        <source>办好后，您想怎样领取结果？</source>
        <translation>How would you like to receive the result?</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="32"/>
        <source>到窗口领取</source>
        <translation>Collect at a window</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="33"/>
        <source>EMS 邮寄到家（不见面）</source>
        <translation>By EMS to your home</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="34"/>
        <source>电子送达（网上下载）</source>
        <translation>Electronically (download)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="45"/>
        <source>寄到其他地址</source>
        <translation>Send to another address</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="51"/>
        <source>请输入收件地址，写到门牌号</source>
        <translation>Delivery address, down to the door number</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="55"/>
        <source>联系电话（用于通知办理结果）</source>
        <translation>Phone number (to tell you the result)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="65"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="65"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="75"/>
        <source>寄到身份证地址：%1</source>
        <translation>Send to the ID card address: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="114"/>
        <source>请选择领取方式。</source>
        <translation>Please choose how to receive the result.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="119"/>
        <source>请填写收件地址，写到门牌号。</source>
        <translation>Please enter the delivery address, down to the door number.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="123"/>
        <source>电话号码不对，手机号是 1 开头的 11 位数字。</source>
        <translation>This phone number is not right: a mobile number has 11 digits starting with 1.</translation>
    </message>
</context>
<context>
    <name>DeviceNotices</name>
    <message>
        <location filename="../device_notices.py" line="15"/>
        <source>打印机缺纸</source>
        <translation>The printer is out of paper</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="17"/>
        <source>打印机盖未关好</source>
        <translation>The printer cover is open</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="18"/>
        <source>打印机暂不可用</source>
        <translation>The printer is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="20"/>
        <source>身份证读卡器暂不可用</source>
        <translation>The ID card reader is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="22"/>
        <source>扫码摄像头暂不可用</source>
        <translation>The QR camera is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="23"/>
        <source>设备暂不可用</source>
        <translation>A device is not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="31"/>
        <source>%1，请到服务台办理</source>
        <translation>%1: please go to the help desk</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="35"/>
        <source>%1，号码将显示在屏幕上，请拍照记下</source>
        <translation>%1: your number will be shown on screen, take a photo of it</translation>
    </message>
</context>
<context>
    <name>FieldWidget</name>
    <message>
        <location filename="../widgets/form_fields.py" line="84"/>
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
</context>
<context>
    <name>FindPage</name>
    <message>
        <location filename="../screens/case_pages.py" line="43"/>
        <source>请选择要办理的事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="49"/>
        <source>输入事项名称或拼音首字母，如 jzz</source>
        <translation>Type a name or pinyin initials, e.g. jzz</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="59"/>
        <source>个人办事</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="59"/>
        <source>法人办事</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="80"/>
        <source>没有找到相关事项，请换个说法试试，或到服务台咨询。</source>
        <translation>Nothing found. Try other words, or ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="85"/>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>FormMessages</name>
    <message>
        <location filename="../widgets/form_fields.py" line="37"/>
        <source>请填写%1。</source>
        <translation>Please fill in %1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="39"/>
        <source>请选择%1。</source>
        <translation>Please choose %1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="41"/>
        <source>内容太长了，最多 %1 个字。</source>
        <translation>Too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="45"/>
        <source>这里只能填数字，例如 3000。</source>
        <translation>Numbers only here, e.g. 3000.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="47"/>
        <source>日期不对，请按“年月日”填 8 位数字，例如 20250301。</source>
        <translation>This date is not right: enter 8 digits, year month day, e.g. 20250301.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="51"/>
        <source>电话号码不对，手机号是 1 开头的 11 位数字。</source>
        <translation>This phone number is not right: a mobile number has 11 digits starting with 1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="55"/>
        <source>地址太短，请写到门牌号，例如“幸福路8号3栋201”。</source>
        <translation>This address is too short: include the door number.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="59"/>
        <source>身份证号码应为 18 位，最后一位可以是 X。</source>
        <translation>An ID number has 18 characters; the last may be X.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="63"/>
        <source>身份证号码有误，请逐位核对。</source>
        <translation>This ID number is not right. Please check each digit.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="65"/>
        <source>身份证号码中的出生日期不对，请核对。</source>
        <translation>The birth date in this ID number is not right. Please check it.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="67"/>
        <source>请从给出的选项中选择。</source>
        <translation>Please pick one of the options shown.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="68"/>
        <source>最多填写 %1 位。</source>
        <translation>At most %1 entries.</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../widgets/form_fields.py" line="186"/>
        <source>＋ 添加一位</source>
        <translation>+ Add a person</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="201"/>
        <source>删除这一位</source>
        <translation>Remove this person</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <location filename="../screens/case_pages.py" line="151"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="151"/>
        <source>申请办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="157"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="157"/>
        <source>选交</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="159"/>
        <source>需原件</source>
        <translation>original needed</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="163"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="165"/>
        <source>%1 元</source>
        <translation>CNY %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="168"/>
        <source>窗口领取</source>
        <translation>Window pickup</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="169"/>
        <source>EMS 邮寄</source>
        <translation>EMS</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="170"/>
        <source>电子送达</source>
        <translation>Electronic delivery</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="174"/>
        <source>申请对象：%1</source>
        <translation>Who can apply: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="176"/>
        <source>事项类型：%1</source>
        <translation>Type: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="177"/>
        <source>办理部门：%1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="178"/>
        <source>申请材料：</source>
        <translation>Materials:</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="180"/>
        <source>收费：%1</source>
        <translation>Fee: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_pages.py" line="181"/>
        <source>承诺时限：%n 个工作日</source>
        <translation>
            <numerusform>Time limit: %n working day</numerusform>
            <numerusform>Time limit: %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="182"/>
        <source>送达方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="185"/>
        <source>设定依据：%1</source>
        <translation>Legal basis: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="191"/>
        <source>本事项可在本机自助申请。</source>
        <translation>You can apply for this service on this terminal.</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="193"/>
        <source>本事项需到窗口办理，请取号后到窗口申请。</source>
        <translation>This service is handled at a window: please take a ticket.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home_screen.py" line="67"/>
        <source>您好，欢迎办理</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="68"/>
        <source>请点击下方按钮选择业务</source>
        <translation>Tap a button below to choose a service</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="81"/>
        <source>标准模式</source>
        <translation>Standard text</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="81"/>
        <source>长者模式 · 大字</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>IdentifyPage</name>
    <message>
        <location filename="../screens/case_identify.py" line="41"/>
        <source>请验证身份</source>
        <translation>Prove your identity</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="51"/>
        <source>请将居民身份证放在读卡区；没有带身份证，可以出示手机上的身份码。</source>
        <translation>Place your ID card on the reader, or show the identity code on your phone.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="58"/>
        <source>扫描身份码</source>
        <translation>Scan identity code</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="60"/>
        <source>没有证件，手动填写</source>
        <translation>No card: type my details</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="65"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="69"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="75"/>
        <source>确认身份信息</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="82"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="116"/>
        <source>证件信息不完整，请重新放置证件。</source>
        <translation>The card could not be read completely. Please place it again.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="123"/>
        <source>请填写姓名和正确的 18 位身份证号码。</source>
        <translation>Enter your name and a valid 18-character ID number.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="129"/>
        <source>请将手机上的身份码对准摄像头…</source>
        <translation>Hold the identity code on your phone up to the camera…</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="146"/>
        <source>没有识别到身份码，请再试一次。</source>
        <translation>No identity code was found. Please try again.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="152"/>
        <source>身份码暂时无法核验，请使用身份证。</source>
        <translation>The identity code cannot be checked now. Please use your ID card.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../idle.py" line="104"/>
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../idle.py" line="105"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message numerus="yes">
        <location filename="../idle.py" line="129"/>
        <source>%n 秒后将结束办理，并清除您的信息</source>
        <translation>
            <numerusform>Your session ends in %n second and your details will be cleared</numerusform>
            <numerusform>Your session ends in %n seconds and your details will be cleared</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="97"/>
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>一门通自助终端</source>
        <translation>Yimen self-service kiosk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>排队取号</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>到窗口办理业务，请先取号</source>
        <translation>Queue for a service window</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="126"/>
        <source>自助办事</source>
        <translation>Apply for a service</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="126"/>
        <source>在本机申请办理，结果可邮寄到家</source>
        <translation>Apply here; the result can be posted to you</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="192"/>
        <source>请选择要办理的业务类别</source>
        <translation>Choose the kind of service you need</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195"/>
        <source>您的号码是 %1，请取走凭条。</source>
        <translation>Your number is %1. Please take your ticket.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197"/>
        <source>您的号码是 %1。凭条未能打印，请记住您的号码。</source>
        <translation>Your number is %1. The ticket could not be printed: please remember your number.</translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <location filename="../widgets/form_fields.py" line="124"/>
        <source>例如 20250301</source>
        <translation>e.g. 20250301</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <location filename="../screens/case_materials.py" line="44"/>
        <source>请提交申请材料</source>
        <translation>Provide the materials</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="65"/>
        <source>拍这一页</source>
        <translation>Take this page</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="66"/>
        <source>重拍上一页</source>
        <translation>Retake last page</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="67"/>
        <source>这份材料拍完了</source>
        <translation>Done with this one</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="78"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="78"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="101"/>
        <source>（选交）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="105"/>
        <source>拍摄</source>
        <translation>Capture</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="113"/>
        <location filename="../screens/case_materials.py" line="128"/>
        <source>到窗口提交</source>
        <translation>Bring to window</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_materials.py" line="126"/>
        <source>已拍摄 %n 页</source>
        <translation>
            <numerusform>%n page captured</numerusform>
            <numerusform>%n pages captured</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="130"/>
        <source>未提交</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="150"/>
        <source>还缺：%1</source>
        <translation>Still missing: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="159"/>
        <source>正在拍摄：%1</source>
        <translation>Capturing: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="160"/>
        <source>请将材料平放在拍摄区内，一次拍一页。</source>
        <translation>Lay the document flat in the capture area, one page at a time.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="195"/>
        <source>拍好了。还有下一页就继续拍，没有了就点“这份材料拍完了”。</source>
        <translation>Got it. Capture the next page, or tap Done with this one.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="201"/>
        <source>已删除上一页，请重新拍摄。</source>
        <translation>Last page removed; please capture it again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_materials.py" line="205"/>
        <source>已拍 %n 页</source>
        <translation>
            <numerusform>%n page so far</numerusform>
            <numerusform>%n pages so far</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="238"/>
        <source>拍摄设备暂时不可用，请到窗口提交材料。</source>
        <translation>The camera is not available; please bring the materials to a window.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="244"/>
        <source>没有找到材料，请将材料平放在拍摄区域内。</source>
        <translation>No document found: lay it flat in the capture area.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="245"/>
        <source>材料超出拍摄范围，请移到中间。</source>
        <translation>The document is cut off: move it to the middle.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="246"/>
        <source>画面模糊，请保持材料不动再拍。</source>
        <translation>Blurry: keep the document still.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="247"/>
        <source>光线太暗，请把材料移到灯下。</source>
        <translation>Too dark: move the document into the light.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="248"/>
        <source>反光太强，请稍微调整材料角度。</source>
        <translation>Glare: tilt the document a little.</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../widgets/keypad.py" line="29"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>PinOverlay</name>
    <message>
        <location filename="../screens/admin_screen.py" line="41"/>
        <source>维护密码</source>
        <translation>Maintenance PIN</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="47"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="48"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/admin_screen.py" line="72"/>
        <source>错误次数过多，请 %n 秒后再试</source>
        <translation>
            <numerusform>Too many wrong PINs: try again in %n second</numerusform>
            <numerusform>Too many wrong PINs: try again in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="74"/>
        <source>密码不正确</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <location filename="../screens/case_submit.py" line="193"/>
        <source>申请已提交，办件编号：</source>
        <translation>Submitted. Case number:</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="214"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="221"/>
        <source>网络暂时不通：申请已安全保存在本机，联网后自动上传。这是临时编号。</source>
        <translation>The network is down: your application is saved safely here and will be uploaded automatically. This is a provisional number.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="224"/>
        <source>已上传至政务服务平台。</source>
        <translation>Uploaded to the government service platform.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_submit.py" line="226"/>
        <source>承诺办结：%1（%n 个工作日）</source>
        <translation>
            <numerusform>Promised by: %1 (%n working day)</numerusform>
            <numerusform>Promised by: %1 (%n working days)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="229"/>
        <source>领取方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="232"/>
        <source>代办人：%1</source>
        <translation>Submitted by: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="233"/>
        <source>验证码：%1</source>
        <translation>Check code: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="237"/>
        <source>请取走打印的受理回执，扫码可查询办理进度。</source>
        <translation>Take your printed receipt; scan its code to follow your case.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="239"/>
        <source>回执未能打印，请用手机拍下此屏幕。</source>
        <translation>The receipt could not be printed: please photograph this screen.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../screens/case_submit.py" line="131"/>
        <source>请核对申请信息</source>
        <translation>Check your application</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="136"/>
        <source>点击“提交”后，申请将保存在本机并上传至政务服务平台。</source>
        <translation>Submit saves your application here and uploads it to the platform.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="140"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="140"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="145"/>
        <source>事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="146"/>
        <source>申请人：%1（%2）</source>
        <translation>Applicant: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="151"/>
        <source>代办人：%1</source>
        <translation>Submitted by: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="156"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="157"/>
        <source>材料：</source>
        <translation>Materials:</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_submit.py" line="161"/>
        <source>%1（%n 页）</source>
        <translation>
            <numerusform>%1 (%n page)</numerusform>
            <numerusform>%1 (%n pages)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="163"/>
        <source>%1（到窗口提交）</source>
        <translation>%1 (brought to window)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="164"/>
        <source>领取方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="165"/>
        <source>联系电话：%1</source>
        <translation>Phone: %1</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../screens/case_staff.py" line="63"/>
        <source>本班次代办记录</source>
        <translation>This shift&apos;s submissions</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="68"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="68"/>
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="74"/>
        <source>待上传</source>
        <translation>waiting to upload</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="75"/>
        <source>已上传</source>
        <translation>uploaded</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="76"/>
        <source>平台未受理</source>
        <translation>refused by the platform</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="78"/>
        <source>工作人员：%1</source>
        <translation>Staff: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="86"/>
        <source>本班次还没有代办记录。</source>
        <translation>No submissions in this shift yet.</translation>
    </message>
</context>
<context>
    <name>StaffSignInPage</name>
    <message>
        <location filename="../screens/case_staff.py" line="19"/>
        <source>社区工作人员登录（代办）</source>
        <translation>Community staff sign-in</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="22"/>
        <source>工号，如 S0001</source>
        <translation>Staff number, e.g. S0001</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="25"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="35"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="35"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="51"/>
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>TicketJourney</name>
    <message>
        <location filename="../screens/ticket_screen.py" line="78"/>
        <source>请选择要办理的业务类别</source>
        <translation>Choose the kind of service you need</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="87"/>
        <location filename="../screens/ticket_screen.py" line="136"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="91"/>
        <source>正在为您取号，请稍候…</source>
        <translation>Getting your number, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="94"/>
        <source>取号成功</source>
        <translation>Here is your number</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="111"/>
        <source>手机扫码，随时查看叫号进度</source>
        <translation>Scan with your phone to follow the queue</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="129"/>
        <source>暂时无法取号</source>
        <translation>No number can be issued right now</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="134"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="218"/>
        <source>前面还有 %n 人等候</source>
        <translation>
            <numerusform>%n person waiting ahead of you</numerusform>
            <numerusform>%n people waiting ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="220"/>
        <source>前面没有人等候，请留意叫号</source>
        <translation>Nobody is ahead of you: watch for your number</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="222"/>
        <source>，预计等候约 %n 分钟</source>
        <translation>
            <numerusform>, about %n minute</numerusform>
            <numerusform>, about %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="226"/>
        <source>请取走下方打印的排队凭条</source>
        <translation>Please take your printed ticket below</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="229"/>
        <source>凭条未能打印，请记住您的号码或用手机拍下此屏幕</source>
        <translation>The ticket could not be printed: remember your number or take a photo of this screen</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="246"/>
        <source>网络暂时不通，请稍后重试，或到服务台人工取号。</source>
        <translation>The network is down. Try again shortly, or ask at the help desk for a number.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="250"/>
        <source>系统暂时出现故障，请到服务台人工取号。</source>
        <translation>The system has a fault. Please ask at the help desk for a number.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="255"/>
        <source>完成（%n 秒后返回首页）</source>
        <translation>
            <numerusform>Done (back to start in %n second)</numerusform>
            <numerusform>Done (back to start in %n seconds)</numerusform>
        </translation>
    </message>
</context>
</TS>
