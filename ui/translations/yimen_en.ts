<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../screens/complaint_pages.py" line="90"/>
        <source>投诉建议</source>
        <translation>Complaints &amp; suggestions</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="97"/>
        <source>您的意见将转交12345政务服务便民热线办理。无需刷卡，可以匿名提交。</source>
        <translation>What you write goes to the 12345 government service hotline. No ID card needed; you may stay anonymous.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="106"/>
        <source>我要投诉</source>
        <translation>Make a complaint</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="106"/>
        <source>我要建议</source>
        <translation>Make a suggestion</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="109"/>
        <source>是关于：</source>
        <translation>It is about:</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="112"/>
        <source>某个窗口</source>
        <translation>A window</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="113"/>
        <source>某位工作人员</source>
        <translation>A staff member</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="114"/>
        <source>某个办理事项</source>
        <translation>A service item</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="115"/>
        <source>服务大厅整体</source>
        <translation>The hall as a whole</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="131"/>
        <source>工号，如 S001</source>
        <translation>Staff number, e.g. S001</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="143"/>
        <source>输入事项名称或拼音首字母，如 jzz</source>
        <translation>Type the service name or pinyin initials, e.g. jzz</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="156"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="198"/>
        <location filename="../screens/complaint_pages.py" line="256"/>
        <source>工号 %1</source>
        <translation>Staff no. %1</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="236"/>
        <source>请点选窗口：</source>
        <translation>Tap the window:</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="237"/>
        <source>请输入窗口工号牌上的工号，或点选工作人员所在的窗口：</source>
        <translation>Type the number on the window&apos;s name plate, or tap the window where they work:</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="238"/>
        <source>请找到相关的办理事项：</source>
        <translation>Find the service item:</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="239"/>
        <source>关于大厅的环境、秩序、设施、指引等。</source>
        <translation>The hall&apos;s surroundings, order, facilities, signs and so on.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="288"/>
        <source>暂时没有可选的内容，可以选择“服务大厅整体”。</source>
        <translation>Nothing to choose from just now; you can choose “The hall as a whole”.</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../screens/admin_screen.py" line="84"/>
        <source>终端维护</source>
        <translation>Terminal maintenance</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="94"/>
        <source>读卡测试</source>
        <translation>Test the card reader</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="95"/>
        <source>打印测试页</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="96"/>
        <source>摄像头测试</source>
        <translation>Test the camera</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="97"/>
        <source>补打上一张凭条</source>
        <translation>Reprint the last ticket</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="98"/>
        <source>待上传办件</source>
        <translation>Cases waiting to upload</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="99"/>
        <source>刷新事项目录</source>
        <translation>Refresh the item catalogue</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="100"/>
        <source>退出程序</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="101"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="107"/>
        <source>演示：放置示例身份证</source>
        <translation>Demo: place the sample ID card</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="130"/>
        <source>没有设备报告状态</source>
        <translation>No device has reported yet</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="144"/>
        <source>正在执行…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="149"/>
        <source>失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="157"/>
        <source>测试页已打印</source>
        <translation>Test page printed</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="164"/>
        <source>已补打上一张凭条</source>
        <translation>Last ticket reprinted</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="170"/>
        <location filename="../screens/admin_screen.py" line="188"/>
        <source>本终端不受理办件</source>
        <translation>This terminal does not take cases</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="175"/>
        <source>待上传 %1 件，已上传 %2 件，被退回 %3 件</source>
        <translation>%1 waiting to upload, %2 uploaded, %3 rejected</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="180"/>
        <source>；最早一件提交于 %1</source>
        <translation>; the oldest was submitted %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="182"/>
        <source>；最近的错误：%1</source>
        <translation>; last error: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="194"/>
        <source>无法连接中心，继续使用缓存目录（版本 %1）</source>
        <translation>The hub cannot be reached: using the cached catalogue (version %1)</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="198"/>
        <source>事项目录已更新到版本 %1</source>
        <translation>Catalogue updated to version %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="199"/>
        <source>事项目录已是最新（版本 %1）</source>
        <translation>The catalogue is up to date (version %1)</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="204"/>
        <source>本终端未配置读卡器</source>
        <translation>This terminal has no card reader configured</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="210"/>
        <source>读卡成功：%1</source>
        <translation>Card read: %1</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="219"/>
        <source>本终端未配置摄像头</source>
        <translation>This terminal has no camera configured</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="230"/>
        <source>摄像头正常：%1x%2</source>
        <translation>Camera works: %1x%2</translation>
    </message>
</context>
<context>
    <name>CallNumberForm</name>
    <message>
        <location filename="../counter/forms.py" line="123"/>
        <source>选号呼叫</source>
        <translation>Call a number</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="127"/>
        <source>跳号原因（必填，将被记录）</source>
        <translation>Reason for calling out of turn (required, recorded)</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="129"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="131"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="141"/>
        <source>叫回本窗口挂起的号码无需原因。</source>
        <translation>A number parked at this window is called back without a reason.</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="146"/>
        <source>请选择或输入号码。</source>
        <translation>Choose or type a number.</translation>
    </message>
</context>
<context>
    <name>CaseDelivery</name>
    <message>
        <location filename="../screens/case_submit.py" line="324"/>
        <source>EMS 邮寄至 %1</source>
        <translation>EMS to %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="328"/>
        <source>电子送达</source>
        <translation>electronic</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="329"/>
        <source>到窗口领取</source>
        <translation>Collect at a window</translation>
    </message>
</context>
<context>
    <name>CaseIdentity</name>
    <message>
        <location filename="../screens/case_submit.py" line="312"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="313"/>
        <source>社会保障卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="316"/>
        <source>身份码</source>
        <translation>Identity QR code</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="317"/>
        <source>手动填写</source>
        <translation>Typed by hand</translation>
    </message>
</context>
<context>
    <name>CaseJourney</name>
    <message>
        <location filename="../screens/case_screen.py" line="97"/>
        <source>社工登录（代办）</source>
        <translation>Staff sign-in (on behalf)</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="98"/>
        <source>代办记录</source>
        <translation>Shift records</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="109"/>
        <source>请填写申请信息</source>
        <translation>Fill in the application</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="112"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="112"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="116"/>
        <source>正在提交，请稍候…</source>
        <translation>Submitting, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="119"/>
        <source>暂时无法提交</source>
        <translation>Cannot submit right now</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="121"/>
        <source>申请未能保存，请重试；仍不成功请到窗口办理。</source>
        <translation>The application could not be saved. Please try again, or apply at a window.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="126"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="213"/>
        <source>事项目录暂不可用，请稍后再试或到窗口办理。</source>
        <translation>The list of services is not available. Please try later or apply at a window.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="218"/>
        <source>请选择或搜索您要办理的事项</source>
        <translation>Please choose or search for the service you need</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="219"/>
        <source>请刷身份证或社保卡，或出示手机上的身份码</source>
        <translation>Please place your ID card or social security card on the reader, or show the identity code on your phone</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="221"/>
        <source>请填写申请信息，填好后点下一步</source>
        <translation>Please fill in the application, then tap Next</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="222"/>
        <source>请拍摄申请材料，或选择到窗口提交</source>
        <translation>Please photograph your documents, or choose to bring them to the window</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="223"/>
        <source>请选择领取办理结果的方式</source>
        <translation>Please choose how to receive the result</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="224"/>
        <source>请核对申请信息，无误后点提交</source>
        <translation>Please check your application, then tap Submit</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="225"/>
        <source>申请没能保存，请点重试，或到窗口办理</source>
        <translation>The application could not be saved. Please tap Try again, or go to a window</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="228"/>
        <source>申请已提交，办件编号 %1，请取走回执。</source>
        <translation>Your application is submitted, case number %1. Please take your receipt.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="230"/>
        <source>这是「%1」的办事指南。</source>
        <translation>This is the guide to “%1”. </translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="237"/>
        <source>请填写：%1。填好后点下一步</source>
        <translation>Please fill in: %1. Then tap Next.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="237"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="239"/>
        <source>请确认联系电话，然后点下一步</source>
        <translation>Please check your phone number, then tap Next.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="244"/>
        <source>请按红色提示修改，再点下一步</source>
        <translation>Please correct what the red notes say, then tap Next.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="328"/>
        <source>申请已提交，正在打印回执…</source>
        <translation>Submitted. Printing your receipt…</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="395"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="395"/>
        <source>经办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="396"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="399"/>
        <source>申请单位</source>
        <translation>Applicant company</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="401"/>
        <source>代办人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="532"/>
        <source>申请已安全保存在本机，联网后自动上传。</source>
        <translation>Your application is saved safely on this terminal and will be uploaded when the network is back.</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="554"/>
        <source>未登录：以下为市民自助申请</source>
        <translation>No staff signed in: citizens apply for themselves</translation>
    </message>
    <message>
        <location filename="../screens/case_screen.py" line="556"/>
        <source>代办中：工号 %1</source>
        <translation>On behalf: staff %1</translation>
    </message>
</context>
<context>
    <name>CheckInJourney</name>
    <message>
        <location filename="../screens/checkin_screen.py" line="83"/>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="85"/>
        <location filename="../screens/checkin_screen.py" line="238"/>
        <source>请出示预约二维码，或将身份证放在读卡区</source>
        <translation>Show your appointment QR code, or place your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="93"/>
        <source>扫描预约二维码</source>
        <translation>Scan your appointment QR code</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="94"/>
        <source>打开预约短信或预约页面，将二维码对准扫码窗口</source>
        <translation>Open your booking message or page and hold the QR code up to the scanner window</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="100"/>
        <source>刷身份证</source>
        <translation>Place your ID card</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="101"/>
        <source>将身份证平放在读卡区，读取后即可拿开</source>
        <translation>Lay your ID card flat on the reader; take it away once it has been read</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="106"/>
        <source>正在等待扫码或刷证…</source>
        <translation>Waiting for a QR code or an ID card…</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="110"/>
        <source>正在查询您的预约，请稍候…</source>
        <translation>Looking up your appointment, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="115"/>
        <source>签到成功</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="127"/>
        <source>预约优先：请留意叫号，将优先为您办理</source>
        <translation>Appointment priority: watch for your number, you will be served first</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="151"/>
        <source>办完业务后，欢迎在首页「好差评」扫描凭条二维码，评价本次服务</source>
        <translation>After your visit, rate our service: choose &quot;Rate our service&quot; on the home screen and scan the QR code on your ticket</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="159"/>
        <source>未能签到</source>
        <translation>Check-in not possible</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="159"/>
        <source>重新扫码或刷证</source>
        <translation>Scan or place the card again</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="167"/>
        <source>现场取号</source>
        <translation>Take a number now</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="233"/>
        <source>%1，您好（%2）</source>
        <translation>Hello %1 (%2)</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="233"/>
        <source>您</source>
        <translation>there</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="240"/>
        <source>签到成功，您的号码是 %1，请留意叫号。</source>
        <translation>You are checked in. Your number is %1; please watch for it to be called.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="245"/>
        <source>，您的号码是 %1。</source>
        <translation>, your number is %1.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="254"/>
        <source>%1，您的预约已签到</source>
        <translation>%1, your appointment is checked in</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="257"/>
        <source>您的预约已签到</source>
        <translation>Your appointment is checked in</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="259"/>
        <source>证件号码：%1</source>
        <translation>ID number: %1</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="282"/>
        <source>没有查到您今天的预约</source>
        <translation>No appointment found for today</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="283"/>
        <source>请确认预约的日期和证件，或现场取号办理。</source>
        <translation>Please check the date and the ID you booked with, or take a number now.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="286"/>
        <source>您的预约不是今天</source>
        <translation>Your appointment is not today</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="287"/>
        <source>预约日期：%1。请在预约当天前来签到，或现场取号办理。</source>
        <translation>Appointment date: %1. Please check in on that day, or take a number now.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="291"/>
        <source>预约已过期</source>
        <translation>The appointment has expired</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="292"/>
        <source>预约日期：%1，已错过。请重新预约，或现场取号办理。</source>
        <translation>Appointment date: %1, which has passed. Please book again, or take a number now.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="294"/>
        <source>二维码已过期</source>
        <translation>The QR code has expired</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="294"/>
        <source>请在手机上刷新二维码后重新扫描。</source>
        <translation>Refresh the code on your phone and scan it again.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="297"/>
        <location filename="../screens/checkin_screen.py" line="301"/>
        <location filename="../screens/checkin_screen.py" line="304"/>
        <source>该预约已签到</source>
        <translation>This appointment is already checked in</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="298"/>
        <source>您今天已签到并已办理，号码如下。如需再次办理，请现场取号。</source>
        <translation>You checked in today and were served under the number below. For anything else, please take a new number.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="302"/>
        <source>您今天已签到，排队号如下。无需重复签到，请留意叫号；凭条遗失请到服务台咨询。</source>
        <translation>You checked in today; your number is below. No need to check in again: please listen for your number. Lost the slip? Ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="305"/>
        <source>请勿重复签到，请留意叫号；凭条遗失请到服务台咨询。</source>
        <translation>No need to check in again; watch for your number. Lost your ticket? Ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="308"/>
        <source>该预约已取消</source>
        <translation>This appointment was cancelled</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="308"/>
        <source>如需办理，请重新预约或现场取号。</source>
        <translation>Book again, or take a number now.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="310"/>
        <source>无法识别该二维码</source>
        <translation>This QR code is not recognised</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="311"/>
        <source>请出示预约短信或预约页面上的二维码，也可以刷身份证签到。</source>
        <translation>Show the QR code from your booking message or page, or check in with your ID card.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="314"/>
        <source>身份证读取失败</source>
        <translation>The ID card could not be read</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="314"/>
        <source>请将身份证平放在读卡区，稍等片刻再拿开。</source>
        <translation>Lay the card flat on the reader and wait a moment before taking it away.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="316"/>
        <source>网络暂时不通</source>
        <translation>The network is down for the moment</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="316"/>
        <source>请稍后重试，或到服务台人工签到。</source>
        <translation>Try again later, or check in at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="317"/>
        <source>系统暂时出现故障</source>
        <translation>The system has a problem</translation>
    </message>
    <message>
        <location filename="../screens/checkin_screen.py" line="317"/>
        <source>请到服务台人工签到。</source>
        <translation>Please check in at the service desk.</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <location filename="../screens/ticket_pages.py" line="51"/>
        <source>请选择要办理的业务</source>
        <translation>Choose what you need</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="61"/>
        <source>按业务类别取号</source>
        <translation>By service type</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="62"/>
        <source>按办理事项取号</source>
        <translation>By what you need done</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="86"/>
        <source>输入事项名称或拼音首字母，如 jzz</source>
        <translation>Type the service name or pinyin initials, e.g. jzz</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="92"/>
        <source>不知道去哪个窗口？找到要办的事项，系统为您取对应的号</source>
        <translation>Not sure which window? Find what you need done and you get a ticket for the right queue</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="95"/>
        <source>没有找到相关事项，请换个说法试试，或按业务类别取号。</source>
        <translation>Nothing found. Try other words, or take a ticket by service type.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="144"/>
        <source>请选择要办理的业务类别</source>
        <translation>Please choose a service</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="146"/>
        <source>请找到您要办理的事项</source>
        <translation>Find what you need done</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../screens/case_company.py" line="53"/>
        <source>请填写申请单位信息</source>
        <translation>The applying company</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="65"/>
        <source>您是为本人办理，还是作为经办人为企业（单位）办理？</source>
        <translation>Are you applying for yourself, or as the agent of a company or organisation?</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="68"/>
        <source>为本人办理</source>
        <translation>For myself</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="69"/>
        <source>为企业（单位）办理</source>
        <translation>For a company or organisation</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="79"/>
        <source>请将营业执照上的二维码对准摄像头，或输入 18 位统一社会信用代码。</source>
        <translation>Hold the QR code on the business licence to the camera, or type the 18-character unified social credit code.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="85"/>
        <source>扫描营业执照二维码</source>
        <translation>Scan the licence&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="91"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="95"/>
        <source>18 位，数字和大写字母</source>
        <translation>18 digits and capital letters</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="120"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="121"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="148"/>
        <source>单位名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="150"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="153"/>
        <source>经办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="188"/>
        <source>请选择为本人办理，还是为企业办理</source>
        <translation>Choose whether you apply for yourself or for a company</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="190"/>
        <source>请扫描营业执照上的二维码，或输入统一社会信用代码，然后点下一步</source>
        <translation>Scan the QR code on the business licence, or type the unified social credit code, then tap Next</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="191"/>
        <source>请填写单位名称和法定代表人，然后点下一步</source>
        <translation>Enter the company&apos;s name and its legal representative, then tap Next</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="206"/>
        <source>请输入统一社会信用代码。</source>
        <translation>Please type the unified social credit code.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="207"/>
        <source>代码应为 18 位，还差 %1 位。</source>
        <translation>The code has 18 characters: %1 more to go.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="208"/>
        <source>代码应为 18 位。</source>
        <translation>The code has 18 characters.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="210"/>
        <source>代码只含数字和大写字母（不含 I、O、S、V、Z），请核对营业执照。</source>
        <translation>The code holds digits and capital letters only (never I, O, S, V or Z): please check the licence.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="212"/>
        <source>代码校验位不对，请逐位核对营业执照。</source>
        <translation>The code&apos;s check character is wrong: please check it against the licence, character by character.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="227"/>
        <source>请将营业执照上的二维码对准摄像头…</source>
        <translation>Hold the licence&apos;s QR code to the camera…</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="237"/>
        <source>没有识别到二维码，请再试一次，或输入代码。</source>
        <translation>No QR code was read. Please try again, or type the code.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="242"/>
        <source>这不是营业执照上的二维码，请扫描营业执照右上角的二维码，或输入代码。</source>
        <translation>That is not a business licence&apos;s QR code. Scan the one in the licence&apos;s top right corner, or type the code.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="244"/>
        <source>二维码中没有读到代码，请输入统一社会信用代码。</source>
        <translation>This licence&apos;s QR code does not show the code: please type the unified social credit code.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="245"/>
        <source>二维码中的代码校验不对，请核对后手动输入。</source>
        <translation>The code in this QR code does not check out: please type it from the licence.</translation>
    </message>
    <message>
        <location filename="../screens/case_company.py" line="257"/>
        <source>摄像头暂不可用，请输入统一社会信用代码。</source>
        <translation>The camera is not available: please type the unified social credit code.</translation>
    </message>
</context>
<context>
    <name>ComplaintJourney</name>
    <message>
        <location filename="../screens/complaint_screen.py" line="55"/>
        <source>正在提交，请稍候…</source>
        <translation>Sending, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="59"/>
        <source>暂时未能提交</source>
        <translation>Could not be sent yet</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="59"/>
        <source>重新提交</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="61"/>
        <source>返回修改</source>
        <translation>Go back and change</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="119"/>
        <source>请选择投诉或建议，以及是关于什么</source>
        <translation>Choose complaint or suggestion, and what it is about</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="120"/>
        <source>请用屏幕键盘写下您的意见</source>
        <translation>Write your comments with the on-screen keyboard</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="121"/>
        <source>是否留下手机号码，由您决定</source>
        <translation>Whether to leave a mobile number is up to you</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="125"/>
        <source>提交成功，您的编号是 %1</source>
        <translation>Sent. Your reference is %1</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="137"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="137"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="138"/>
        <source>%1 · 关于：%2</source>
        <translation>%1 · About: %2</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="142"/>
        <source>请写下您的投诉内容</source>
        <translation>Write your complaint</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="144"/>
        <source>请写下您的建议</source>
        <translation>Write your suggestion</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="158"/>
        <source>可凭此编号在进度查询中查看处理情况。监督投诉热线：%1</source>
        <translation>Follow it with this reference under Check progress. Supervision hotline: %1</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="165"/>
        <source>请取走下方打印的回执</source>
        <translation>Please take the printed slip below</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="167"/>
        <source>回执未能打印，请记下编号或用手机拍下此屏幕</source>
        <translation>The slip could not be printed: note the reference or take a photo of this screen</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="175"/>
        <source>提交的内容有误</source>
        <translation>Something in it is not right</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="176"/>
        <source>请返回修改后再提交。</source>
        <translation>Please go back, change it and send it again.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="178"/>
        <source>网络暂时不通</source>
        <translation>The network is down for now</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="179"/>
        <source>您写的内容都还在，请稍后重新提交，不会重复提交。</source>
        <translation>Everything you wrote is kept. Send it again in a moment; it will not be sent twice.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="181"/>
        <source>系统暂时出现故障</source>
        <translation>The system has a temporary fault</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="182"/>
        <source>请稍后重新提交，或拨打12345热线。</source>
        <translation>Please send it again later, or call the 12345 hotline.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="191"/>
        <source>手机号是 1 开头的 11 位数字，请核对。</source>
        <translation>A mobile number has 11 digits starting with 1. Please check it.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_screen.py" line="205"/>
        <source>工号只能是字母和数字，请核对。</source>
        <translation>A staff number has only letters and digits. Please check it.</translation>
    </message>
</context>
<context>
    <name>ContactPage</name>
    <message>
        <location filename="../screens/complaint_pages.py" line="347"/>
        <source>是否留下联系电话？</source>
        <translation>Leave a phone number?</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="350"/>
        <source>留下手机号码，12345热线可就本件与您联系、反馈办理结果。号码只提供给12345热线用于本件，不会显示在屏幕上，也不会打印。不留号码也可以匿名提交。</source>
        <translation>With your mobile number, the 12345 hotline can contact you about this and tell you the outcome. The number goes to the 12345 hotline for this matter only; it is not shown on screen or printed. You may also send it anonymously, without a number.</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="356"/>
        <source>不留电话，匿名提交</source>
        <translation>No, stay anonymous</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="356"/>
        <source>同意留下手机号码</source>
        <translation>Yes, I agree to leave it</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="360"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="367"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="368"/>
        <source>提交</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../counter/window.py" line="71"/>
        <source>叫号</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="72"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="73"/>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="74"/>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="75"/>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="76"/>
        <source>挂起</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="77"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="78"/>
        <source>选号呼叫</source>
        <translation>Call a number</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="79"/>
        <location filename="../counter/window.py" line="823"/>
        <source>暂停服务</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="80"/>
        <source>办理业务</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="83"/>
        <source>优先</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="84"/>
        <source>预约</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="87"/>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="88"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="89"/>
        <source>不予受理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="90"/>
        <source>待补正</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="91"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="92"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="93"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="94"/>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="214"/>
        <source>一门通 窗口叫号 {window}</source>
        <translation>Yimen calling desk {window}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="286"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="288"/>
        <source>受理台  F11</source>
        <translation>Acceptance  F11</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="339"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="339"/>
        <source>业务</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="339"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="339"/>
        <source>已等候</source>
        <translation>Waited</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="348"/>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="350"/>
        <source>挂起（双击叫回）</source>
        <translation>Parked (double-click to call back)</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="387"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="420"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="448"/>
        <source>请先办结或处理当前号码，再退出登录。</source>
        <translation>Finish or hand on the current number before signing out.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="529"/>
        <location filename="../counter/window.py" line="558"/>
        <source>当前没有办理中的号码。</source>
        <translation>No number is being served.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="641"/>
        <source>窗口收件未完成（或暂未取得办件编号），可稍后在受理台打开。</source>
        <translation>The walk-in case was not completed (or has no case number yet); open it at the desk later.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="650"/>
        <source>未配置告知书打印机：告知书未打印。</source>
        <translation>No notice printer is configured: the notice was not printed.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="677"/>
        <source>告知书已打印（%1）。</source>
        <translation>Notice printed (%1).</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="682"/>
        <source>已重打 %1 份告知书。</source>
        <translation>%1 notice(s) reprinted.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="687"/>
        <source>%1 已保留，排除故障后点“重打告知书”。</source>
        <translation>%1 Kept: clear the fault, then press “Reprint notices”.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="711"/>
        <source>已转移，新号码 {number}。</source>
        <translation>Transferred: the new number is {number}.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="760"/>
        <source>无法连接服务器，请稍后重试。</source>
        <translation>Cannot reach the server. Please try again shortly.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="762"/>
        <source>操作失败，请重试。</source>
        <translation>That did not work. Please try again.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="767"/>
        <source>已呼叫 {number}（第 {calls} 次）。</source>
        <translation>Called {number} (call {calls}).</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="771"/>
        <source>{number} 开始办理。</source>
        <translation>Serving {number}.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="773"/>
        <source>{number} 已办结。</source>
        <translation>{number} finished.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="775"/>
        <source>{number} 已过号。</source>
        <translation>{number} marked as no-show.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="777"/>
        <source>{number} 已挂起，可在挂起列表中叫回。</source>
        <translation>{number} parked: call it back from the parked list.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="799"/>
        <source>本窗口的登录已结束（可能已在其他窗口登录）。</source>
        <translation>You were signed out of this window (perhaps you signed in at another window).</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="811"/>
        <source>与服务器的连接中断，正在重试…</source>
        <translation>Lost the connection to the server. Retrying…</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="818"/>
        <source>{name}（{staff_no}）</source>
        <translation>{name} ({staff_no})</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="823"/>
        <source>恢复服务</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="841"/>
        <source>当前没有办理中的号码。按 F1 叫号。</source>
        <translation>No number is being served. Press F1 to call the next.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="846"/>
        <location filename="../counter/window.py" line="916"/>
        <source>普通</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="849"/>
        <source>事项：{item}</source>
        <translation>Item: {item}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="851"/>
        <source>实名取号：可刷身份证核对</source>
        <translation>Real-name ticket: read the ID card to check</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="853"/>
        <source>转来说明：{note}</source>
        <translation>Transfer note: {note}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="867"/>
        <source>{reason}：{note}</source>
        <translation>{reason}: {note}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="872"/>
        <source>暂停服务 · {reason} · {time}</source>
        <translation>Paused · {reason} · {time}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="877"/>
        <source>服务中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="885"/>
        <source>办理 {time}（标准 {minutes} 分钟）</source>
        <translation>Serving {time} (standard {minutes} min)</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="892"/>
        <source>已呼叫 {calls} 次 · {time}</source>
        <translation>Calls: {calls} · {time}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="903"/>
        <source>等候（{count} 人）</source>
        <translation>Waiting ({count})</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="909"/>
        <source>转入</source>
        <translation>Transferred in</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="911"/>
        <source>实名</source>
        <translation>Real-name</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="915"/>
        <source>、</source>
        <comment>between the kinds of a waiting ticket</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="917"/>
        <source>{minutes} 分钟</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="959"/>
        <source>{problem}：请手工核对身份证件</source>
        <translation>{problem}: check ID documents by hand</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="962"/>
        <source>{problem}，请输入工号和密码登录。</source>
        <translation>{problem}. Sign in with your staff number and PIN.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="972"/>
        <source>无法识别这张卡片，请输入工号。</source>
        <translation>This card is not recognised. Enter your staff number.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="989"/>
        <source>请先叫号，再读取群众的身份证。</source>
        <translation>Call a number first, then read the citizen&apos;s ID card.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1008"/>
        <source>所刷证件不是取号人本人的，请核对。</source>
        <translation>The card read is not the ticket holder&apos;s. Please check.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1023"/>
        <source>办事人：{name}（已核验）</source>
        <translation>Citizen: {name} (verified)</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1025"/>
        <source>办事人：{name}</source>
        <translation>Citizen: {name}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1029"/>
        <source>⚠ 所刷证件不是取号人本人</source>
        <translation>⚠ The card read is not the ticket holder&apos;s</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1031"/>
        <source>读卡器暂不可用：请手工核对群众的身份证件</source>
        <translation>Card reader unavailable: check the citizen&apos;s ID documents by hand</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1033"/>
        <source>请在读卡器上读取群众的身份证以核验并显示完整信息</source>
        <translation>Read the citizen&apos;s ID card on the reader to verify them and show full details</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1038"/>
        <source>预约：{what} {date} {start}</source>
        <translation>Appointment: {what} {date} {start}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1043"/>
        <source>（代办）</source>
        <translation> (by an agent)</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1045"/>
        <source> 待补材料 {count} 项</source>
        <translation> · documents to supply: {count}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1047"/>
        <source> 补正：{supplement}</source>
        <translation> · supplement: {supplement}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1049"/>
        <source>办件 {number} {item} · {state}{extra}</source>
        <translation>Case {number} {item} · {state}{extra}</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="1057"/>
        <source>点击在受理台打开</source>
        <translation>Click to open it at the acceptance desk</translation>
    </message>
</context>
<context>
    <name>CreditBadge</name>
    <message>
        <location filename="../counter/credit_badge.py" line="17"/>
        <source>失信</source>
        <translation>Untrustworthy (black list)</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="18"/>
        <source>守信</source>
        <translation>Trustworthy (red list)</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="19"/>
        <source>未见记录</source>
        <translation>No record found</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="22"/>
        <source>失信名单</source>
        <translation>Black list</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="23"/>
        <source>守信名单</source>
        <translation>Red list</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="33"/>
        <source>信用：%1</source>
        <translation>Credit: %1</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="55"/>
        <source>信用：正在查询……</source>
        <translation>Credit: checking…</translation>
    </message>
    <message>
        <location filename="../counter/credit_badge.py" line="63"/>
        <source>信用：查询失败（%1），请在信用系统中核查。</source>
        <translation>Credit: the check failed (%1); check in the credit system.</translation>
    </message>
</context>
<context>
    <name>CreditJourney</name>
    <message>
        <location filename="../screens/credit_screen.py" line="29"/>
        <source>失信</source>
        <translation>Untrustworthy (black list)</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="30"/>
        <source>守信</source>
        <translation>Trustworthy (red list)</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="31"/>
        <source>未见信用名单记录</source>
        <translation>Not on any credit list</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="34"/>
        <source>失信名单</source>
        <translation>Black list</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="35"/>
        <source>守信名单</source>
        <translation>Red list</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="62"/>
        <source>信用查询</source>
        <translation>Credit record</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="65"/>
        <source>请刷本人身份证或社保卡，或出示电子证照码，查看本人的信用记录。</source>
        <translation>Place your own ID card or social security card on the reader, or show your e-ID code, to see your credit record.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="74"/>
        <source>只能查询本人的记录；查询结果不会保存在本机。</source>
        <translation>Only your own record can be seen; nothing of it is kept on this terminal.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="79"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="83"/>
        <source>正在查询，请稍候…</source>
        <translation>Looking it up, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="86"/>
        <source>本人信用记录</source>
        <translation>Your credit record</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="106"/>
        <source>打印查询结果</source>
        <translation>Print it</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="108"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="112"/>
        <source>未能查询信用记录</source>
        <translation>Your credit record could not be shown</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="112"/>
        <source>重新查询</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="151"/>
        <source>请刷本人身份证或社保卡，或出示电子证照码</source>
        <translation>Place your ID card or social security card on the reader, or show your e-ID code</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="168"/>
        <source>未能读取证件，请拿起后重新放置。</source>
        <translation>The card could not be read. Lift it and place it again.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="207"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="211"/>
        <source>已打印，请取走查询结果。</source>
        <translation>Printed. Please take your record.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="217"/>
        <source>打印失败，请在屏幕上查看，或到窗口咨询。</source>
        <translation>It could not be printed. Please read it on the screen, or ask at a window.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="235"/>
        <source>证件号码：%1</source>
        <translation>ID number: %1</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="243"/>
        <source>%1：%2，%3 列入</source>
        <translation>%1: listed by %2 on %3</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="249"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="253"/>
        <source>查询时间：%1</source>
        <translation>Checked: %1</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="264"/>
        <source>证件已过有效期</source>
        <translation>Your card has expired</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="264"/>
        <source>请使用有效证件，或到窗口咨询。</source>
        <translation>Please use a valid card, or ask at a window.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="266"/>
        <source>未能读取证件信息</source>
        <translation>The card could not be read</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="267"/>
        <source>请将本人身份证或社保卡平放在读卡区，再试一次。</source>
        <translation>Lay your own ID card or social security card flat on the reader and try again.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="269"/>
        <source>电子证照码无效或已过期</source>
        <translation>The e-ID code is not valid or has expired</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="270"/>
        <source>请在手机上刷新后重新出示，或刷身份证。</source>
        <translation>Refresh it on your phone and show it again, or use your ID card.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="272"/>
        <source>暂时无法查询</source>
        <translation>Cannot look it up right now</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="274"/>
        <source>网络暂时不通</source>
        <translation>The network is down for the moment</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="274"/>
        <location filename="../screens/credit_screen.py" line="276"/>
        <source>请稍后重试，或到窗口咨询。</source>
        <translation>Please try again later, or ask at a window.</translation>
    </message>
    <message>
        <location filename="../screens/credit_screen.py" line="276"/>
        <source>系统暂时出现故障</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>DeliverForm</name>
    <message>
        <location filename="../counter/decision_forms.py" line="191"/>
        <source>送达</source>
        <translation>Deliver</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="193"/>
        <source>窗口领取（读取领取人身份证）</source>
        <translation>Picked up here (read the collector&apos;s ID card)</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="194"/>
        <source>EMS 邮寄</source>
        <translation>Sent by EMS</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="196"/>
        <source>EMS 运单号</source>
        <translation>EMS waybill number</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="215"/>
        <source>请在读卡器上读取领取人的身份证</source>
        <translation>Read the collector&apos;s ID card on the reader</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="221"/>
        <source>领取人：%1</source>
        <translation>Collector: %1</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="226"/>
        <source>请填写或扫描 EMS 运单号。</source>
        <translation>Type or scan the EMS waybill number.</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="229"/>
        <source>请先读取领取人的身份证。</source>
        <translation>Read the collector&apos;s ID card first.</translation>
    </message>
</context>
<context>
    <name>DeliveryPage</name>
    <message>
        <location filename="../screens/case_submit.py" line="42"/>
        <location filename="../screens/case_submit.py" line="142"/>
        <source>办好后，您想怎样领取结果？</source>
        <translation>How would you like to receive the result?</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="49"/>
        <source>到窗口领取</source>
        <translation>Collect at a window</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="50"/>
        <source>EMS 邮寄到家（不见面）</source>
        <translation>By EMS to your home</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="51"/>
        <source>电子送达（网上下载）</source>
        <translation>Electronically (download)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="59"/>
        <source>寄到身份证地址</source>
        <translation>My ID card address</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="64"/>
        <source>寄到其他地址</source>
        <translation>Another address</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="70"/>
        <source>请输入收件地址，写到门牌号</source>
        <translation>Delivery address, down to the door number</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="82"/>
        <source>EMS 收件地址</source>
        <translation>Address for EMS delivery</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="87"/>
        <source>联系电话（用于通知办理结果）</source>
        <translation>Phone number (to tell you the result)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="94"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="95"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="142"/>
        <source>请确认联系电话</source>
        <translation>Please check your phone number</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="170"/>
        <source>邮费由政府承担，您不用付钱。</source>
        <translation>Postage is paid by the government: free for you.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="172"/>
        <source>邮费 %1 元，收件时付给快递员。</source>
        <translation>Postage CNY %1, paid to the courier on delivery.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="207"/>
        <source>请选择领取方式。</source>
        <translation>Please choose how to receive the result.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="210"/>
        <source>请填写收件地址，写到门牌号。</source>
        <translation>Please enter the delivery address, down to the door number.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="218"/>
        <source>电话号码不对，手机号是 1 开头的 11 位数字。</source>
        <translation>This phone number is not right: a mobile number has 11 digits starting with 1.</translation>
    </message>
</context>
<context>
    <name>DeviceInputs</name>
    <message>
        <location filename="../widgets/journey_kit.py" line="255"/>
        <source>读卡区上还放着上一位的卡片，请取走后再放置您自己的卡片。</source>
        <translation>A card from the previous person is still on the reader. Please remove it, then place your own card.</translation>
    </message>
</context>
<context>
    <name>DeviceNotices</name>
    <message>
        <location filename="../device_notices.py" line="15"/>
        <source>打印机缺纸</source>
        <translation>Printer out of paper</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="17"/>
        <source>打印机盖未关好</source>
        <translation>Printer cover open</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="18"/>
        <source>打印机暂不可用</source>
        <translation>Printer not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="20"/>
        <source>身份证读卡器暂不可用</source>
        <translation>ID card reader not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="22"/>
        <source>扫码摄像头暂不可用</source>
        <translation>QR camera not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="23"/>
        <source>设备暂不可用</source>
        <translation>Device not working</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="32"/>
        <source>读卡器和扫码摄像头暂不可用，无法实名取号，请到服务台取号</source>
        <translation>Card reader and QR camera not working: ask at the service desk for a ticket</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="36"/>
        <source>%1，请刷身份证取号</source>
        <translation>%1: use your ID card</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="39"/>
        <source>%1，请出示身份码取号</source>
        <translation>%1: show your identity QR</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="43"/>
        <source>%1，请到服务台办理</source>
        <translation>%1: ask at the service desk</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="47"/>
        <source>%1，号码显示在屏幕上</source>
        <translation>%1: your number will be on screen</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="51"/>
        <source>%1，请刷身份证签到</source>
        <translation>%1: check in with your ID card</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="55"/>
        <source>%1，请扫描预约二维码签到</source>
        <translation>%1: scan your booking QR</translation>
    </message>
    <message>
        <location filename="../device_notices.py" line="59"/>
        <source>%1，请手动输入查询</source>
        <translation>%1: type your case number</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <location filename="../display/window.py" line="62"/>
        <source>一门通 叫号屏</source>
        <translation>Yimen calling display</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="86"/>
        <source>正在呼叫</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="102"/>
        <source>最近呼叫</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="123"/>
        <source>排队情况</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="190"/>
        <source>约 {minutes} 分钟</source>
        <translation>about {minutes} min</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="192"/>
        <source>很快</source>
        <translation>soon</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="194"/>
        <source>{name}：等候 {count} 人 {wait}</source>
        <translation>{name}: {count} waiting {wait}</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="204"/>
        <source>暂停服务：</source>
        <translation>Paused: </translation>
    </message>
    <message>
        <location filename="../display/window.py" line="210"/>
        <source>请留意叫号</source>
        <translation>Please watch for your number</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="213"/>
        <source>请 {number} 号到 {window} 办理</source>
        <translation>Number {number}, please go to {window}</translation>
    </message>
    <message>
        <location filename="../display/window.py" line="217"/>
        <source>再次呼叫：</source>
        <translation>Calling again: </translation>
    </message>
    <message>
        <location filename="../display/window.py" line="227"/>
        <source>与服务器的连接已中断，本屏最后更新于 {time}，正在重新连接…</source>
        <translation>Connection to the server lost — last updated at {time}, reconnecting…</translation>
    </message>
</context>
<context>
    <name>ElderOffer</name>
    <message>
        <location filename="../elder_offer.py" line="33"/>
        <source>大字模式</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../elder_offer.py" line="44"/>
        <source>如果字太小，请点屏幕上的「大字模式」，字会变大，时间也更充裕。</source>
        <translation>If the text is too small, tap “Large text” on the screen: the text gets bigger and you get more time.</translation>
    </message>
</context>
<context>
    <name>FailedPage</name>
    <message>
        <location filename="../screens/ticket_pages.py" line="210"/>
        <location filename="../screens/ticket_pages.py" line="246"/>
        <location filename="../screens/ticket_pages.py" line="250"/>
        <location filename="../screens/ticket_pages.py" line="251"/>
        <source>暂时无法取号</source>
        <translation>No number can be issued right now</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="215"/>
        <location filename="../screens/ticket_pages.py" line="224"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="224"/>
        <source>重新刷证或扫码</source>
        <translation>Card or code again</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="233"/>
        <location filename="../screens/ticket_pages.py" line="236"/>
        <source>不能重复取号</source>
        <translation>You already have a ticket</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="234"/>
        <source>您在该业务已有一个未办结的号码，请留意叫号，无需重复取号。</source>
        <translation>You already hold an open ticket for this service. Please wait to be called; no second ticket is needed.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="237"/>
        <source>您已有一个未办结的号码 %1，请留意叫号，无需重复取号。</source>
        <translation>You already hold ticket %1, still open. Please wait to be called; no second ticket is needed.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="240"/>
        <source>身份证读取失败</source>
        <translation>The ID card could not be read</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="240"/>
        <source>请将身份证平放在读卡区，稍等片刻再拿开。</source>
        <translation>Lay your ID card flat on the reader and wait a moment before taking it back.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="242"/>
        <source>身份码已过期</source>
        <translation>The identity code has expired</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="242"/>
        <source>请在手机上刷新身份码后重新扫描。</source>
        <translation>Refresh the code on your phone and scan it again.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="244"/>
        <source>无法识别该二维码</source>
        <translation>This QR code is not recognised</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="244"/>
        <source>请出示手机上的电子身份码，或刷身份证。</source>
        <translation>Show the electronic identity code on your phone, or place your ID card.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="247"/>
        <source>网络暂时不通，请稍后重试，或到服务台人工取号。</source>
        <translation>The network is down. Try again shortly, or ask at the help desk for a number.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="251"/>
        <source>系统暂时出现故障，请到服务台人工取号。</source>
        <translation>The system has a fault. Please ask at the help desk for a number.</translation>
    </message>
</context>
<context>
    <name>FieldWidget</name>
    <message>
        <location filename="../widgets/form_fields.py" line="114"/>
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
</context>
<context>
    <name>FindPage</name>
    <message>
        <location filename="../screens/case_pages.py" line="89"/>
        <source>请选择要办理的事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="96"/>
        <source>输入事项名称或拼音首字母，如 jzz</source>
        <translation>Type a name or pinyin initials, e.g. jzz</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="115"/>
        <source>个人办事</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="115"/>
        <source>法人办事</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="137"/>
        <source>没有找到相关事项，请换个说法试试，或到服务台咨询。</source>
        <translation>Nothing found. Try other words, or ask at the service desk.</translation>
    </message>
</context>
<context>
    <name>FinishCaseForm</name>
    <message>
        <location filename="../counter/decision_forms.py" line="160"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="162"/>
        <source>准予（批准）</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="163"/>
        <source>不予批准</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="165"/>
        <source>证照编号（可不填）</source>
        <translation>Certificate number (optional)</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="166"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>FinishForm</name>
    <message>
        <location filename="../counter/forms.py" line="29"/>
        <source>办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="30"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="31"/>
        <source>补正</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="32"/>
        <source>咨询</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="33"/>
        <source>不予受理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="95"/>
        <source>办结：选择办理结果</source>
        <translation>Finish: choose the outcome</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="98"/>
        <source>备注（可选）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="114"/>
        <source>请选择办理结果。</source>
        <translation>Choose an outcome.</translation>
    </message>
</context>
<context>
    <name>FormMessages</name>
    <message>
        <location filename="../widgets/form_fields.py" line="52"/>
        <source>请填写%1。</source>
        <translation>Please fill in %1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="54"/>
        <source>请选择%1。</source>
        <translation>Please choose %1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="56"/>
        <source>内容太长了，最多 %1 个字。</source>
        <translation>Too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="60"/>
        <source>这里只能填数字，例如 3000。</source>
        <translation>Numbers only here, e.g. 3000.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="62"/>
        <source>日期不对，请把年、月、日填完整，例如 2025年03月01日。</source>
        <translation>That date is not right. Please fill in the year, month and day, e.g. 2025-03-01.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="66"/>
        <source>电话号码不对，手机号是 1 开头的 11 位数字。</source>
        <translation>This phone number is not right: a mobile number has 11 digits starting with 1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="70"/>
        <source>地址太短，请写到门牌号，例如“幸福路8号3栋201”。</source>
        <translation>This address is too short: include the door number.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="74"/>
        <source>身份证号码应为 18 位，最后一位可以是 X。</source>
        <translation>An ID number has 18 characters; the last may be X.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="78"/>
        <source>身份证号码有误，请逐位核对。</source>
        <translation>This ID number is not right. Please check each digit.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="80"/>
        <source>身份证号码中的出生日期不对，请核对。</source>
        <translation>The birth date in this ID number is not right. Please check it.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="82"/>
        <source>请从给出的选项中选择。</source>
        <translation>Please pick one of the options shown.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="84"/>
        <source>请至少选择 %1 项。</source>
        <translation>Please choose at least %1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="88"/>
        <source>最多只能选择 %1 项。</source>
        <translation>Choose at most %1.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="92"/>
        <source>请至少添加 %1 位。</source>
        <translation>Please add at least %1 person(s).</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="96"/>
        <source>最多填写 %1 位。</source>
        <translation>At most %1 entries.</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="100"/>
        <source>这一项填写有误，请重新填写。</source>
        <translation>This answer is not valid; please fill it in again.</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../widgets/form_fields.py" line="285"/>
        <source>＋ 添加一位</source>
        <translation>+ Add a person</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="318"/>
        <source>%1：第%2位</source>
        <translation>%1: no. %2</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="329"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>GroupRow</name>
    <message>
        <location filename="../widgets/form_fields.py" line="237"/>
        <source>删除这一位</source>
        <translation>Remove this person</translation>
    </message>
    <message>
        <location filename="../widgets/form_fields.py" line="263"/>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <location filename="../screens/case_pages.py" line="238"/>
        <source>申请办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="238"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="245"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="245"/>
        <source>选交</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="247"/>
        <source>需原件</source>
        <translation>original needed</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="223"/>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="224"/>
        <source>%1 元</source>
        <translation>CNY %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="248"/>
        <source>· %1（%2）</source>
        <translation>· %1 (%2)</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="249"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="254"/>
        <source>%1（依据%2）</source>
        <translation>%1 (set by %2)</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="256"/>
        <source>窗口领取</source>
        <translation>collect at the counter</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="258"/>
        <source>EMS 邮寄（免费）</source>
        <translation>EMS post (free)</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="260"/>
        <source>EMS 邮寄（%1 元）</source>
        <translation>EMS post (CNY %1)</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="262"/>
        <source>电子送达</source>
        <translation>electronic</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="267"/>
        <source>申请对象：%1</source>
        <translation>Who can apply: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="269"/>
        <source>事项类型：%1</source>
        <translation>Type: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="270"/>
        <source>办理部门：%1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="271"/>
        <source>申请材料：</source>
        <translation>Materials:</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="273"/>
        <source>收费：%1</source>
        <translation>Fee: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_pages.py" line="274"/>
        <source>承诺时限：%n 个工作日</source>
        <translation>
            <numerusform>Time limit: %n working day</numerusform>
            <numerusform>Time limit: %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="275"/>
        <source>送达方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="278"/>
        <source>设定依据：%1</source>
        <translation>Legal basis: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="284"/>
        <source>本事项可在本机自助申请。</source>
        <translation>You can apply for this service on this terminal.</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="286"/>
        <source>本事项需到窗口办理，请取号后到窗口申请。</source>
        <translation>This service is handled at a window: please take a ticket.</translation>
    </message>
</context>
<context>
    <name>HelpCaller</name>
    <message>
        <location filename="../help_call.py" line="144"/>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="229"/>
        <source>%1号窗口</source>
        <translation>window %1</translation>
    </message>
</context>
<context>
    <name>HelpCalls</name>
    <message>
        <location filename="../counter/help_calls.py" line="29"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="30"/>
        <source>排队取号</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="31"/>
        <source>自助办事</source>
        <translation>Apply for a service</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="32"/>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="33"/>
        <source>进度查询</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="34"/>
        <source>好差评</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="35"/>
        <source>维护</source>
        <translation>Maintenance</translation>
    </message>
</context>
<context>
    <name>HelpCallsBar</name>
    <message>
        <location filename="../counter/help_calls.py" line="127"/>
        <source>已记录：本窗口前往协助 {where}。</source>
        <translation>Noted: this window is going to help at {where}.</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="134"/>
        <source>无法连接服务器，请稍后重试。</source>
        <translation>Cannot reach the server. Please try again shortly.</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="137"/>
        <source>操作失败，请重试。</source>
        <translation>That did not work. Please try again.</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="150"/>
        <source>另有 {n} 条求助</source>
        <translation>{n} more calls for help</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="151"/>
        <source>群众求助（{n}）</source>
        <translation>Calls for help ({n})</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="163"/>
        <source>{where} · {screen} · {since} 起（{minutes} 分钟）</source>
        <translation>{where} · {screen} · since {since} ({minutes} min)</translation>
    </message>
    <message>
        <location filename="../counter/help_calls.py" line="169"/>
        <source>前往协助</source>
        <translation>Go to help</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../help_call.py" line="71"/>
        <source>正在通知工作人员…</source>
        <translation>Telling the staff…</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="71"/>
        <source>请稍候。</source>
        <translation>Please wait.</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="73"/>
        <source>已通知工作人员</source>
        <translation>Staff have been told</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="74"/>
        <source>请在原地稍候，马上有人来帮您。</source>
        <translation>Please wait here: someone is coming to help you.</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="76"/>
        <source>工作人员已接到求助</source>
        <translation>A member of staff has your call</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="78"/>
        <source>{window}的工作人员正在赶来，请稍候。</source>
        <translation>Staff from {window} are on their way. Please wait here.</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="80"/>
        <source>工作人员正在赶来，请稍候。</source>
        <translation>Staff are on their way. Please wait here.</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="82"/>
        <source>暂时没有工作人员回应</source>
        <translation>No member of staff has answered</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="84"/>
        <source>暂时无法通知工作人员</source>
        <translation>We could not reach the staff</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="68"/>
        <source>请向大厅里的工作人员招手示意，或到服务台求助。您正在办理的业务不会丢失。</source>
        <translation>Please wave to a member of staff in the hall, or go to the service desk. What you are doing here will not be lost.</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="87"/>
        <source>好的</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../help_call.py" line="107"/>
        <source>{title}。{text}</source>
        <translation>{title}. {text}</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../screens/home_screen.py" line="115"/>
        <source>您好，欢迎办理</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="118"/>
        <source>请点击下方按钮选择业务</source>
        <translation>Tap a button below to choose a service</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="121"/>
        <source>读卡区有卡片未取走，请取走您的身份证或社保卡。</source>
        <translation>A card is still on the reader. Please take your ID card or social security card.</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="158"/>
        <source>标准模式</source>
        <translation>Standard text</translation>
    </message>
    <message>
        <location filename="../screens/home_screen.py" line="158"/>
        <source>长者模式 · 大字</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>IdentifyPage</name>
    <message>
        <location filename="../screens/case_identify.py" line="50"/>
        <source>请验证身份</source>
        <translation>Prove your identity</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="63"/>
        <source>请将居民身份证或社会保障卡（社保卡）放在读卡区；没有带证件，可以出示手机上的身份码。</source>
        <translation>Place your resident ID card or social security card on the reader. Without a card, you can show the identity QR code on your phone.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="84"/>
        <source>扫描身份码</source>
        <translation>Scan identity code</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="86"/>
        <source>没有证件，手动填写</source>
        <translation>No card: type my details</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="97"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="110"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="128"/>
        <source>确认身份信息</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="125"/>
        <location filename="../screens/ticket_pages.py" line="198"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="100"/>
        <source>姓名（与身份证上一致）</source>
        <translation>Name (as on your ID card)</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="113"/>
        <source>18 位身份证号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="126"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="185"/>
        <source>请填写您的姓名，与身份证上一致，然后点下一步</source>
        <translation>Please type your name as on your ID card, then tap Next.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="187"/>
        <source>请输入18位身份证号码，然后点确认身份信息</source>
        <translation>Please type your 18-character ID number, then tap Confirm.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="192"/>
        <source>请填写姓名。</source>
        <translation>Please fill in your name.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="218"/>
        <source>没能读出这张卡，请取下后重新放置。</source>
        <translation>The card could not be read. Please lift it and place it again.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="231"/>
        <source>这张卡读不到身份信息。请放居民身份证或社保卡，也可以出示身份码。</source>
        <translation>This card carries no identity data we can read. Please use your resident ID card or social security card, or show your identity QR code.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="233"/>
        <source>证件信息不完整，请重新放置证件。</source>
        <translation>The card could not be read completely. Please place it again.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="234"/>
        <source>这张证件已过有效期，请使用其他证件或身份码。</source>
        <translation>This card has expired. Please use another card or your identity QR code.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="241"/>
        <source>请填写姓名和正确的 18 位身份证号码。</source>
        <translation>Enter your name and a valid 18-character ID number.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="247"/>
        <source>请将手机上的身份码对准摄像头…</source>
        <translation>Hold the identity code on your phone up to the camera…</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="259"/>
        <source>没有识别到身份码，请再试一次。</source>
        <translation>No identity code was found. Please try again.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="264"/>
        <source>这不是有效的身份码，请出示手机上的身份码。</source>
        <translation>This is not a valid identity code. Please show the identity code on your phone.</translation>
    </message>
    <message>
        <location filename="../screens/case_identify.py" line="269"/>
        <source>身份码暂时无法核验，请使用身份证。</source>
        <translation>The identity code cannot be checked now. Please use your ID card.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="177"/>
        <source>实名取号</source>
        <translation>Ticket with your ID</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="183"/>
        <source>刷身份证</source>
        <translation>Place your ID card</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="183"/>
        <source>将身份证平放在读卡区，读取后即可拿开</source>
        <translation>Lay your ID card flat on the reader; take it back once it is read</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="187"/>
        <source>出示身份码</source>
        <translation>Show your identity QR</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="188"/>
        <source>打开手机上的电子身份码（如政务服务码），对准扫码窗口</source>
        <translation>Open the electronic identity code on your phone (e.g. the government service code) and hold it to the scanner</translation>
    </message>
    <message>
        <location filename="../screens/ticket_pages.py" line="194"/>
        <source>证件信息仅用于本次取号，凭条和屏幕上只显示部分号码</source>
        <translation>Your ID is used only for this ticket; the screen and the ticket show part of the number only</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../idle.py" line="112"/>
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../idle.py" line="113"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message numerus="yes">
        <location filename="../idle.py" line="137"/>
        <source>%n 秒后将结束办理，并清除您的信息</source>
        <translation>
            <numerusform>Your session ends in %n second and your details will be cleared</numerusform>
            <numerusform>Your session ends in %n seconds and your details will be cleared</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemType</name>
    <message>
        <location filename="../screens/case_pages.py" line="204"/>
        <source>行政许可</source>
        <translation>Licence or permit</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="205"/>
        <source>行政给付</source>
        <translation>Benefit payment</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="206"/>
        <source>行政确认</source>
        <translation>Official confirmation</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="207"/>
        <source>行政奖励</source>
        <translation>Award</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="208"/>
        <source>行政裁决</source>
        <translation>Official ruling on a dispute</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="209"/>
        <source>其他行政权力</source>
        <translation>Other official decision</translation>
    </message>
    <message>
        <location filename="../screens/case_pages.py" line="210"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
</context>
<context>
    <name>KeyboardRoom</name>
    <message>
        <location filename="../widgets/keyboard_room.py" line="56"/>
        <source>收起键盘</source>
        <translation>Hide keyboard</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212"/>
        <source>一门通自助终端</source>
        <translation>Yimen self-service kiosk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213"/>
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="218"/>
        <source>排队取号</source>
        <translation>Take a number</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="218"/>
        <source>到窗口办理业务，请先取号</source>
        <translation>Queue for a service window</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>自助办事</source>
        <translation>Apply for a service</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>在本机申请办理，结果可邮寄到家</source>
        <translation>Apply here; the result can be posted to you</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>已预约？扫预约码或刷身份证签到</source>
        <translation>Booked? Scan your code or ID card</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229"/>
        <location filename="../main_window.py" line="231"/>
        <source>进度查询</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229"/>
        <source>查询已提交办件的办理进度</source>
        <translation>See how your application is going</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="231"/>
        <source>查询办件进度</source>
        <translation>Track a case</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="234"/>
        <source>刷证查看本人信用</source>
        <translation>Your own record, by ID card</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236"/>
        <location filename="../main_window.py" line="238"/>
        <source>好差评</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236"/>
        <source>扫描凭条或回执二维码，评价服务</source>
        <translation>Scan a ticket or receipt QR to rate the service</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="238"/>
        <source>扫码评价服务</source>
        <translation>Scan a slip to rate</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="241"/>
        <source>投诉建议</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="241"/>
        <source>转交12345热线</source>
        <translation>To the 12345 hotline</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="234"/>
        <source>信用查询</source>
        <translation>Credit record</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="565"/>
        <source>请取走您的卡片。</source>
        <translation>Please take your card.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="599"/>
        <source>字已放大。</source>
        <translation>The text is larger now.</translation>
    </message>
</context>
<context>
    <name>LeftCardAlert</name>
    <message>
        <location filename="../widgets/left_card_alert.py" line="44"/>
        <source>请取走您的卡片</source>
        <translation>Please take your card</translation>
    </message>
    <message>
        <location filename="../widgets/left_card_alert.py" line="45"/>
        <source>读卡区还有一张身份证或社保卡，请取走并妥善保管。</source>
        <translation>An ID card or social security card is still on the reader. Please take it with you.</translation>
    </message>
    <message>
        <location filename="../widgets/left_card_alert.py" line="46"/>
        <source>我知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../widgets/left_card_alert.py" line="61"/>
        <source>请取走您的卡片。</source>
        <translation>Please take your card.</translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <location filename="../widgets/form_fields.py" line="149"/>
        <source>0000年00月00日;_</source>
        <translation>0000-00-00;_</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <location filename="../screens/case_pages.py" line="217"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>MaterialViewer</name>
    <message>
        <location filename="../counter/material_viewer.py" line="25"/>
        <location filename="../counter/material_viewer.py" line="76"/>
        <source>请在右侧选择一份材料</source>
        <translation>Choose a material on the right</translation>
    </message>
    <message>
        <location filename="../counter/material_viewer.py" line="31"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../counter/material_viewer.py" line="32"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../counter/material_viewer.py" line="33"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../counter/material_viewer.py" line="34"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../counter/material_viewer.py" line="62"/>
        <source>该材料无法显示（文件不是可读的 PDF）。</source>
        <translation>This material cannot be shown (the file is not a readable PDF).</translation>
    </message>
    <message>
        <location filename="../counter/material_viewer.py" line="100"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <location filename="../screens/case_materials.py" line="62"/>
        <source>请提交申请材料</source>
        <translation>Provide the materials</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="92"/>
        <source>拍这一页</source>
        <translation>Take this page</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="93"/>
        <source>重拍上一页</source>
        <translation>Retake last page</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="94"/>
        <source>这份材料拍完了</source>
        <translation>Done with this one</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="122"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="122"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="147"/>
        <source>（选交）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="151"/>
        <source>拍摄</source>
        <translation>Capture</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="159"/>
        <location filename="../screens/case_materials.py" line="174"/>
        <source>到窗口提交</source>
        <translation>Bring to window</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_materials.py" line="172"/>
        <source>已拍摄 %n 页</source>
        <translation>
            <numerusform>%n page captured</numerusform>
            <numerusform>%n pages captured</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="176"/>
        <source>未提交</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="201"/>
        <source>还缺：%1</source>
        <translation>Still missing: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="212"/>
        <source>正在拍摄：%1</source>
        <translation>Capturing: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="219"/>
        <source>请将材料平放在拍摄区内，一次拍一页。</source>
        <translation>Lay the document flat in the capture area, one page at a time.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="221"/>
        <source>%1。%2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="263"/>
        <source>拍好了。还有下一页就继续拍，没有了就点“这份材料拍完了”。</source>
        <translation>Got it. Capture the next page, or tap Done with this one.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="268"/>
        <source>已删除上一页，请重新拍摄。</source>
        <translation>Last page removed; please capture it again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_materials.py" line="272"/>
        <source>已拍 %n 页</source>
        <translation>
            <numerusform>%n page so far</numerusform>
            <numerusform>%n pages so far</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="305"/>
        <source>拍摄设备暂时不可用，请到窗口提交材料。</source>
        <translation>The camera is not available; please bring the materials to a window.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="313"/>
        <source>没有找到材料，请将材料平放在拍摄区域内。</source>
        <translation>No document found: lay it flat in the capture area.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="314"/>
        <source>材料超出拍摄范围，请移到中间。</source>
        <translation>The document is cut off: move it to the middle.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="315"/>
        <source>画面模糊，请保持材料不动再拍。</source>
        <translation>Blurry: keep the document still.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="316"/>
        <source>光线太暗，请把材料移到灯下。</source>
        <translation>Too dark: move the document into the light.</translation>
    </message>
    <message>
        <location filename="../screens/case_materials.py" line="317"/>
        <source>反光太强，请稍微调整材料角度。</source>
        <translation>Glare: tilt the document a little.</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../widgets/keypad.py" line="58"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../screens/case_pages.py" line="55"/>
        <source>第%1步，共%2步</source>
        <translation>Step %1 of %2</translation>
    </message>
</context>
<context>
    <name>PauseForm</name>
    <message>
        <location filename="../counter/forms.py" line="36"/>
        <source>休息</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="37"/>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="38"/>
        <source>后台办件</source>
        <translation>Back-office work</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="39"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="211"/>
        <source>暂停服务：选择原因</source>
        <translation>Pause: choose a reason</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="214"/>
        <source>说明（选择“其他”时必填）</source>
        <translation>Note (required for “Other”)</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="230"/>
        <source>请选择暂停原因。</source>
        <translation>Choose a reason for the pause.</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="234"/>
        <source>选择“其他”时请填写说明。</source>
        <translation>For “Other”, please add a note.</translation>
    </message>
</context>
<context>
    <name>PinOverlay</name>
    <message>
        <location filename="../screens/admin_screen.py" line="42"/>
        <source>维护密码</source>
        <translation>Maintenance PIN</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="48"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="49"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/admin_screen.py" line="73"/>
        <source>错误次数过多，请 %n 秒后再试</source>
        <translation>
            <numerusform>Too many wrong PINs: try again in %n second</numerusform>
            <numerusform>Too many wrong PINs: try again in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/admin_screen.py" line="75"/>
        <source>密码不正确</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>PlacementAnimation</name>
    <message>
        <location filename="../widgets/placement.py" line="122"/>
        <source>将身份证或社保卡平放在读卡区</source>
        <translation>Lay your ID card or social security card flat on the reader</translation>
    </message>
    <message>
        <location filename="../widgets/placement.py" line="123"/>
        <source>将手机上的二维码对准扫码窗口</source>
        <translation>Hold the QR code on your phone up to the scanner window</translation>
    </message>
    <message>
        <location filename="../widgets/placement.py" line="124"/>
        <source>将凭条或回执上的二维码对准扫码窗口</source>
        <translation>Hold the QR code on your ticket or receipt up to the scanner window</translation>
    </message>
    <message>
        <location filename="../widgets/placement.py" line="125"/>
        <source>将材料正面朝上平放在拍摄区内</source>
        <translation>Lay the document face up, flat in the capture area</translation>
    </message>
</context>
<context>
    <name>PrintedSlip</name>
    <message>
        <location filename="../widgets/printed_slip.py" line="73"/>
        <source>请取走下方打印的排队凭条</source>
        <translation>Please take your printed ticket below</translation>
    </message>
    <message>
        <location filename="../widgets/printed_slip.py" line="76"/>
        <source>凭条未能打印，请记住您的号码或用手机拍下此屏幕</source>
        <translation>The ticket could not be printed: remember your number or take a photo of this screen</translation>
    </message>
</context>
<context>
    <name>ProgressJourney</name>
    <message>
        <location filename="../screens/progress_screen.py" line="78"/>
        <source>办件进度查询</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="105"/>
        <source>身份证号后六位</source>
        <translation>Last 6 of ID number</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="108"/>
        <location filename="../screens/progress_screen.py" line="431"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="115"/>
        <source>身份证后六位</source>
        <translation>Last 6 of ID</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="120"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="151"/>
        <source>正在查询，请稍候…</source>
        <translation>Searching, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="167"/>
        <source>办件进度</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="161"/>
        <location filename="../screens/progress_screen.py" line="174"/>
        <source>查询其他办件</source>
        <translation>Look up another case</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="81"/>
        <source>扫描受理回执上的二维码即可查询；或输入办件编号，再刷身份证或输入身份证号后六位</source>
        <translation>Scan the QR code on your receipt, or type the case number and then place your ID card or type the last six characters of your ID number</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="85"/>
        <source>只刷身份证，可查看本人近期的全部办件。</source>
        <translation>Place your ID card alone to see all your recent applications.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="102"/>
        <location filename="../screens/progress_screen.py" line="433"/>
        <source>回执上 YM 后面的数字</source>
        <translation>The digits after YM on your receipt</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="154"/>
        <source>您近期的办件</source>
        <translation>Your recent applications</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="155"/>
        <source>请点选要查看的办件。</source>
        <translation>Tap the application you want to see.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="163"/>
        <location filename="../screens/progress_screen.py" line="176"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="172"/>
        <source>返回办件列表</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="180"/>
        <source>未能查到办件</source>
        <translation>Case not found</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="180"/>
        <source>重新查询</source>
        <translation>Search again</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="222"/>
        <source>请扫描受理回执上的二维码，或输入办件编号</source>
        <translation>Scan the QR code on your receipt, or type the case number</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="224"/>
        <source>请选择要查看的办件</source>
        <translation>Please choose the application to see.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="227"/>
        <source>办理进度：%1</source>
        <translation>Progress: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="316"/>
        <source>办件编号：%1
事项：%2
申请人：%3</source>
        <translation>Case number: %1
Service: %2
Applicant: %3</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="321"/>
        <location filename="../screens/progress_screen.py" line="360"/>
        <source>承诺办结日期：%1</source>
        <translation>Promised by: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="326"/>
        <source>已补正材料，重新提交</source>
        <translation>Supplemented and resubmitted</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="340"/>
        <source>已提交申请</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="341"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="342"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="343"/>
        <source>需要补正材料</source>
        <translation>Documents requested</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="344"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="345"/>
        <source>特别程序（暂停计时）</source>
        <translation>Special procedure (clock paused)</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="273"/>
        <location filename="../screens/progress_screen.py" line="346"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="90"/>
        <source>查办件</source>
        <translation>A case</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="90"/>
        <source>查投诉建议</source>
        <translation>A complaint or suggestion</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="263"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="263"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="265"/>
        <source>投诉建议编号：%1
类型：%2</source>
        <translation>Complaint reference: %1
Kind: %2</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="270"/>
        <source>已收到，等待转交12345</source>
        <translation>Received, waiting to go to the 12345 hotline</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="271"/>
        <source>已转交12345政务服务便民热线</source>
        <translation>Passed to the 12345 government service hotline</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="272"/>
        <source>12345已答复</source>
        <translation>Answered by 12345</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="347"/>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="352"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="354"/>
        <source>原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="356"/>
        <source>需补正材料：%1</source>
        <translation>Documents to supply: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="358"/>
        <source>补正期限：%1</source>
        <translation>Supply by: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="362"/>
        <source>准予</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="362"/>
        <source>不予批准</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="363"/>
        <source>办理结果：%1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="365"/>
        <source>证照编号：%1</source>
        <translation>Certificate number: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="368"/>
        <source>邮寄送达</source>
        <translation>by post (EMS)</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="369"/>
        <source>窗口领取</source>
        <translation>collect at the counter</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="370"/>
        <source>电子送达</source>
        <translation>electronic</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="372"/>
        <source>送达方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="374"/>
        <source>EMS 运单号：%1</source>
        <translation>EMS waybill: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="379"/>
        <source>未找到该投诉建议</source>
        <translation>No complaint or suggestion found</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="380"/>
        <source>请核对回执上的投诉建议编号。</source>
        <translation>Please check the reference on the slip.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="382"/>
        <source>办件编号或身份证号码不正确</source>
        <translation>The case number or ID number is not right</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="383"/>
        <source>请核对受理回执上的办件编号和本人身份证号后再查。</source>
        <translation>Check the case number on your receipt and your own ID number, then try again.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="385"/>
        <source>没有查到您的办件</source>
        <translation>No applications found for you</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="387"/>
        <source>网络中断时提交的办件，上传后才能查到；也可输入回执上的办件编号，或到窗口咨询。</source>
        <translation>An application submitted while the network was down can be found once it has been uploaded. You can also enter the number on your receipt, or ask at a window.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="390"/>
        <source>查询次数过多</source>
        <translation>Too many attempts</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="391"/>
        <source>为保护办件信息，请稍后再试，或到窗口咨询。</source>
        <translation>To protect case information, please try later or ask at a counter.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="393"/>
        <source>这不是受理回执的二维码</source>
        <translation>This is not the QR code of a receipt</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="394"/>
        <source>请扫描受理回执上的二维码，或直接输入办件编号。</source>
        <translation>Scan the QR code on your receipt, or type the case number.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="396"/>
        <source>营业执照二维码中没有统一社会信用代码</source>
        <translation>This business licence QR code carries no unified social credit code</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="397"/>
        <source>请刷经办人身份证，或输入经办人身份证号后六位查询。</source>
        <translation>Place the agent&apos;s ID card on the reader, or type the last six characters of the agent&apos;s ID number.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="399"/>
        <source>网络暂时不通</source>
        <translation>The network is down for the moment</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="400"/>
        <location filename="../screens/progress_screen.py" line="403"/>
        <source>请稍后重试，或到窗口咨询。</source>
        <translation>Try again later, or ask at a counter.</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="402"/>
        <source>系统暂时出现故障</source>
        <translation>The system has a problem</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="431"/>
        <source>投诉建议编号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="433"/>
        <source>回执上 TS 后面的数字</source>
        <translation>The digits after TS on the slip</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="456"/>
        <source>已读取营业执照：%1</source>
        <translation>Business licence read: %1</translation>
    </message>
    <message>
        <location filename="../screens/progress_screen.py" line="468"/>
        <source>已读取身份证：%1</source>
        <translation>ID card read: %1</translation>
    </message>
</context>
<context>
    <name>QueuesForm</name>
    <message>
        <location filename="../counter/forms.py" line="247"/>
        <source>今日办理的排队业务</source>
        <translation>Queues served today</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="262"/>
        <source>都不勾选或全部勾选：办理本窗口的全部业务。</source>
        <translation>Tick none or all to serve every queue of this window.</translation>
    </message>
</context>
<context>
    <name>RatingJourney</name>
    <message>
        <location filename="../screens/rating_screen.py" line="61"/>
        <source>好差评</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="63"/>
        <location filename="../screens/rating_screen.py" line="167"/>
        <source>请将排队凭条或受理回执上的二维码对准扫码窗口</source>
        <translation>Hold the QR code on your queue ticket or case receipt up to the scanner</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="71"/>
        <source>扫描排队凭条</source>
        <translation>Scan your queue ticket</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="72"/>
        <source>窗口办理结束后即可评价，每次服务评价一次。</source>
        <translation>You can rate a service once it is finished, once per service.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="78"/>
        <source>扫描受理回执</source>
        <translation>Scan the case receipt</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="79"/>
        <source>自助办事提交后即可评价，每个办件评价一次。</source>
        <translation>Rate a case once it is submitted; each case can be rated once.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="84"/>
        <source>评价匿名提交，工作人员看不到评价人信息。</source>
        <translation>Ratings are anonymous: staff never see who rated.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="88"/>
        <source>请稍候…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="91"/>
        <location filename="../screens/rating_screen.py" line="168"/>
        <source>请您评价本次服务</source>
        <translation>How was our service?</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="108"/>
        <source>意见或建议（选填）</source>
        <translation>Comments (optional)</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="113"/>
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="122"/>
        <location filename="../screens/rating_screen.py" line="169"/>
        <source>感谢您的评价</source>
        <translation>Thank you for your rating</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="126"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="130"/>
        <source>暂时不能评价</source>
        <translation>Rating not possible</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="130"/>
        <source>扫描其他凭条</source>
        <translation>Scan another ticket</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="201"/>
        <source>排队号：%1</source>
        <translation>Ticket: %1</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="203"/>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="206"/>
        <source>办理事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="214"/>
        <source>您的意见已提交，我们会逐条核实整改。如需答复，请到服务台留下联系方式。</source>
        <translation>Your comments have been sent; each one will be looked into. If you would like a reply, please leave your contact details at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="242"/>
        <source>办件上传后才有正式编号。请回到当时办理的那台自助机上扫描此回执评价，或到服务台咨询。</source>
        <translation>The case gets its final number once it is uploaded. Please scan this receipt at the self-service machine where you applied, or ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="216"/>
        <source>您的评价已提交，我们将继续努力。</source>
        <translation>Your rating was sent. Thank you.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="170"/>
        <source>%1。%2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="225"/>
        <source>该办件已评价过</source>
        <translation>This case has already been rated</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="226"/>
        <source>每个办件只能评价一次，感谢您的反馈。</source>
        <translation>Each case can be rated only once. Thank you for your feedback.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="228"/>
        <source>本次服务已评价过</source>
        <translation>This service has already been rated</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="229"/>
        <source>每次服务只能评价一次，感谢您的反馈。</source>
        <translation>Each service can be rated once. Thank you for your feedback.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="231"/>
        <source>服务尚未结束</source>
        <translation>The service is not finished yet</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="232"/>
        <source>请在窗口办理结束后，再扫描凭条评价。</source>
        <translation>Please scan your ticket again after you have been served.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="234"/>
        <source>无法识别该二维码</source>
        <translation>This QR code is not recognised</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="235"/>
        <source>请扫描排队凭条或受理回执上的二维码。</source>
        <translation>Please scan the QR code on your queue ticket or case receipt.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="237"/>
        <source>办件尚未上传，暂不能评价</source>
        <translation>The case is not uploaded yet, so it cannot be rated</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="238"/>
        <source>这是临时编号的回执。联网后办件会自动上传，届时再扫描此回执即可评价。</source>
        <translation>This receipt has a provisional number. The case uploads automatically once the network is back; scan this receipt again then to rate it.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="240"/>
        <source>临时编号的回执暂不能在此评价</source>
        <translation>A receipt with a provisional number cannot be rated here</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="245"/>
        <source>这张回执不能扫码评价</source>
        <translation>This receipt cannot be rated by scanning</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="246"/>
        <source>较早的回执没有评价验证码。如需评价，请到服务台。</source>
        <translation>Older receipts carry no rating code. To rate this service, please go to the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="248"/>
        <source>未找到该办件</source>
        <translation>Case not found</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="249"/>
        <source>请核对回执上的办件编号，或到服务台咨询。</source>
        <translation>Please check the case number on the receipt, or ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="251"/>
        <source>未找到这次服务</source>
        <translation>Service not found</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="252"/>
        <source>请核对凭条，或到服务台咨询。</source>
        <translation>Check your ticket, or ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="254"/>
        <source>网络暂时不通</source>
        <translation>The network is down for the moment</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="255"/>
        <source>请稍后重试。</source>
        <translation>Please try again later.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="257"/>
        <source>系统暂时出现故障</source>
        <translation>The system has a problem</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="258"/>
        <source>请稍后重试，或到服务台咨询。</source>
        <translation>Try again later, or ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="266"/>
        <source>您的评价：%1</source>
        <translation>Your rating: %1</translation>
    </message>
    <message>
        <location filename="../screens/rating_screen.py" line="314"/>
        <source>请选择不满意的原因，可以多选，然后点提交评价</source>
        <translation>Please choose what was wrong (one or more), then tap Send rating.</translation>
    </message>
</context>
<context>
    <name>RatingPad</name>
    <message>
        <location filename="../counter/rating_pad.py" line="48"/>
        <source>一门通 评价器</source>
        <translation>Yimen rating pad</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="90"/>
        <source>请您对本次服务作出评价</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="96"/>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="107"/>
        <location filename="../counter/rating_pad.py" line="237"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="135"/>
        <source>本窗口暂未开放</source>
        <translation>This window is not open yet</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="140"/>
        <source>工号 {staff_no} · {window}</source>
        <translation>Staff no. {staff_no} · {window}</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="145"/>
        <source>暂停服务，请稍候</source>
        <translation>Service paused, please wait</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="147"/>
        <source>正在为 {number} 号办理</source>
        <translation>Now serving number {number}</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="149"/>
        <source>欢迎，请出示您的号码</source>
        <translation>Welcome — please show your number</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="212"/>
        <source>评价未能提交，感谢您的参与。</source>
        <translation>Your rating could not be sent. Thank you for taking part.</translation>
    </message>
    <message>
        <location filename="../counter/rating_pad.py" line="232"/>
        <source>{seconds} 秒后自动返回</source>
        <translation>Returning in {seconds} s</translation>
    </message>
</context>
<context>
    <name>RatingPicker</name>
    <message>
        <location filename="../widgets/rating_picker.py" line="44"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="45"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="46"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="47"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="48"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="73"/>
        <source>请选择不满意的原因（可多选）</source>
        <translation>What went wrong? (choose one or more)</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="75"/>
        <source>服务态度不好</source>
        <translation>Unfriendly staff</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="76"/>
        <source>办事效率低</source>
        <translation>Slow service</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="77"/>
        <source>多次跑动</source>
        <translation>Had to come back</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="78"/>
        <source>材料重复提交</source>
        <translation>Asked for documents twice</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="79"/>
        <source>政策解释不清</source>
        <translation>Rules not explained</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="80"/>
        <source>等候时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="81"/>
        <source>系统或设备故障</source>
        <translation>System fault</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="82"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="129"/>
        <source>、</source>
        <comment>between the reasons of a rating</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../widgets/rating_picker.py" line="130"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <location filename="../screens/case_submit.py" line="334"/>
        <source>申请已提交，办件编号：</source>
        <translation>Submitted. Case number:</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="357"/>
        <source>评价本次服务</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="358"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="384"/>
        <source>网络暂时不通：申请已安全保存在本机，联网后自动上传。这是临时编号。</source>
        <translation>The network is down: your application is saved safely here and will be uploaded automatically. This is a provisional number.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="387"/>
        <source>已上传至政务服务平台。</source>
        <translation>Uploaded to the government service platform.</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_submit.py" line="389"/>
        <source>承诺办结：%1（%n 个工作日）</source>
        <translation>
            <numerusform>Promised by: %1 (%n working day)</numerusform>
            <numerusform>Promised by: %1 (%n working days)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="392"/>
        <source>领取方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="395"/>
        <source>代办人：%1</source>
        <translation>Submitted by: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="397"/>
        <source>验证码：%1（查询进度、评价时核对用）</source>
        <translation>Receipt code: %1 (to check progress or rate the service)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="403"/>
        <source>请于%1前到窗口提交：%2</source>
        <translation>Please bring to the window by %1: %2</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="408"/>
        <source>办理部门：%1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="416"/>
        <source>请取走打印的受理回执，扫码可查询办理进度。</source>
        <translation>Take your printed receipt; scan its code to follow your case.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="418"/>
        <source>回执未能打印，请用手机拍下此屏幕。</source>
        <translation>The receipt could not be printed: please photograph this screen.</translation>
    </message>
</context>
<context>
    <name>RejectForm</name>
    <message>
        <location filename="../counter/decision_forms.py" line="116"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="122"/>
        <source>补充说明（可不填）</source>
        <translation>Further note (optional)</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="124"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="126"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="142"/>
        <source>请填写理由和法律依据。</source>
        <translation>Give the reason and its legal basis.</translation>
    </message>
</context>
<context>
    <name>ReturnHomeCountdown</name>
    <message numerus="yes">
        <location filename="../widgets/countdown.py" line="41"/>
        <source>完成（%n 秒后返回首页）</source>
        <translation>
            <numerusform>Done (home in %n second)</numerusform>
            <numerusform>Done (home in %n seconds)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../screens/case_submit.py" line="226"/>
        <source>请核对申请信息</source>
        <translation>Check your application</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="241"/>
        <source>点击“提交”后，申请将保存在本机并上传至政务服务平台。</source>
        <translation>Submit saves your application here and uploads it to the platform.</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="245"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="245"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="257"/>
        <source>事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="260"/>
        <source>申请单位：%1（%2）</source>
        <translation>Applicant company: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="265"/>
        <source>法定代表人：%1</source>
        <translation>Legal representative: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="268"/>
        <source>申请人：%1（%2）</source>
        <translation>Applicant: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="268"/>
        <source>经办人：%1（%2）</source>
        <translation>Agent: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="272"/>
        <source>身份核验：%1</source>
        <translation>Identity checked by: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="274"/>
        <source>代办人：%1</source>
        <translation>Submitted by: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="279"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="281"/>
        <source>材料：</source>
        <translation>Materials:</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/case_submit.py" line="286"/>
        <source>%1（%n 页）</source>
        <translation>
            <numerusform>%1 (%n page)</numerusform>
            <numerusform>%1 (%n pages)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="288"/>
        <source>%1（到窗口提交）</source>
        <translation>%1 (brought to window)</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="289"/>
        <source>领取方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_submit.py" line="290"/>
        <source>联系电话：%1</source>
        <translation>Phone: %1</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <location filename="../screens/complaint_pages.py" line="399"/>
        <source>提交成功</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="400"/>
        <source>投诉建议编号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="412"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../screens/case_staff.py" line="199"/>
        <source>本班次代办记录</source>
        <translation>This shift&apos;s submissions</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="205"/>
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="205"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="212"/>
        <source>待上传</source>
        <translation>waiting to upload</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="213"/>
        <source>已上传</source>
        <translation>uploaded</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="214"/>
        <source>平台未受理</source>
        <translation>refused by the platform</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="216"/>
        <source>工作人员：%1</source>
        <translation>Staff: %1</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="224"/>
        <source>本班次还没有代办记录。</source>
        <translation>No submissions in this shift yet.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="226"/>
        <source>正在查询窗口退回的办件……</source>
        <translation>Asking the hall which cases its windows sent back…</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="231"/>
        <source>窗口退回的办件：</source>
        <translation>Cases sent back by a window:</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="233"/>
        <source>暂时无法查询，请稍后再看。</source>
        <translation>Cannot be checked right now; please look again later.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="235"/>
        <source>没有退回的办件。</source>
        <translation>No case was sent back.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="242"/>
        <source>%1  %2  %3：需补正 %4，请于 %5 前补正</source>
        <translation>%1  %2  %3: to supplement: %4, by %5</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="251"/>
        <source>%1  %2  %3：不予受理（%4）</source>
        <translation>%1  %2  %3: not accepted (%4)</translation>
    </message>
</context>
<context>
    <name>SideForm</name>
    <message>
        <location filename="../counter/forms.py" line="63"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="64"/>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../counter/window.py" line="134"/>
        <location filename="../counter/window.py" line="175"/>
        <source>工号（或在读卡器上刷工作人员卡）</source>
        <translation>Staff number (or tap your staff card)</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="137"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="140"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="162"/>
        <source>{window} · 工作人员登录</source>
        <translation>{window} · Staff sign-in</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="168"/>
        <source>已读取卡片，请输入密码</source>
        <translation>Card read: enter your PIN</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="169"/>
        <source>已读取卡片，请输入密码。</source>
        <translation>Card read: enter your PIN.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="180"/>
        <source>请输入工号（或刷卡）和 4–12 位数字密码。</source>
        <translation>Enter your staff number (or tap your card) and your 4–12 digit PIN.</translation>
    </message>
    <message>
        <location filename="../counter/window.py" line="190"/>
        <source>工号或密码不正确。</source>
        <translation>The staff number or PIN is wrong.</translation>
    </message>
</context>
<context>
    <name>StaffSignInPage</name>
    <message>
        <location filename="../screens/case_staff.py" line="46"/>
        <source>社区工作人员登录（代办）</source>
        <translation>Community staff sign-in</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="57"/>
        <source>请刷工作人员卡（或本人身份证、社保卡），再输入密码；也可以输入工号和密码。</source>
        <translation>Present your staff card (or your own ID card or social security card), then enter your PIN. You can also enter your staff number and PIN.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="59"/>
        <source>请输入工号和密码。</source>
        <translation>Enter your staff number and PIN.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="65"/>
        <source>改用工号登录</source>
        <translation>Use staff number instead</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="68"/>
        <source>工号，如 S0001</source>
        <translation>Staff number, e.g. S0001</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="71"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="77"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="78"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="117"/>
        <source>已读取工作人员卡，请输入密码。</source>
        <translation>Staff card read. Please enter your PIN.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="118"/>
        <source>已读取身份证，请输入密码。</source>
        <translation>ID card read. Please enter your PIN.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="119"/>
        <source>已读取社保卡，请输入密码。</source>
        <translation>Social security card read. Please enter your PIN.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="123"/>
        <source>登录成功，请取走卡片。</source>
        <translation>Signed in. Please take your card away.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="150"/>
        <source>没能读出这张卡，请取下后重新放置。</source>
        <translation>The card could not be read. Please lift it and place it again.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="160"/>
        <source>这张卡不能用于登录，请使用工作人员卡或工号。</source>
        <translation>This card cannot be used to sign in. Please use your staff card or staff number.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="176"/>
        <source>工号或密码不正确。</source>
        <translation>The staff number or PIN is wrong.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="177"/>
        <source>卡片未登记或密码不正确。</source>
        <translation>The card is not registered or the PIN is wrong.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="178"/>
        <source>尝试次数过多，请五分钟后再试。</source>
        <translation>Too many attempts. Please try again in five minutes.</translation>
    </message>
    <message>
        <location filename="../screens/case_staff.py" line="181"/>
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>SupplementForm</name>
    <message>
        <location filename="../counter/decision_forms.py" line="35"/>
        <source>补正（一次性告知）</source>
        <translation>Supplement (all at once)</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="38"/>
        <source>其他需补正的内容（可不填）</source>
        <translation>Anything else to supplement (optional)</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="40"/>
        <source>说明（可不填）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="45"/>
        <source>上次告知未列出的材料：说明原因</source>
        <translation>Materials the last notice did not list: say why</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="66"/>
        <source>原因，例如：未提供、复印件不清晰</source>
        <translation>Reason, e.g. missing, copy unreadable</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="94"/>
        <source>请勾选需要补正的材料。</source>
        <translation>Tick the materials to supplement.</translation>
    </message>
    <message>
        <location filename="../counter/decision_forms.py" line="97"/>
        <source>补正期限不能早于今天。</source>
        <translation>The deadline cannot be before today.</translation>
    </message>
</context>
<context>
    <name>TicketJourney</name>
    <message>
        <location filename="../screens/ticket_screen.py" line="88"/>
        <source>正在为您取号，请稍候…</source>
        <translation>Getting your number, please wait…</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="93"/>
        <source>取号成功</source>
        <translation>Here is your number</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="114"/>
        <source>手机扫码，随时查看叫号进度</source>
        <translation>Scan with your phone to follow the queue</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="196"/>
        <source>请选择要办理的业务类别</source>
        <translation>Please choose a service</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="197"/>
        <source>请刷身份证，或出示手机上的身份码</source>
        <translation>Please place your ID card, or show the identity QR on your phone</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="202"/>
        <source>您的号码是 %1，请取走凭条。</source>
        <translation>Your number is %1. Please take your ticket.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="204"/>
        <source>您的号码是 %1。凭条未能打印，请记住您的号码。</source>
        <translation>Your number is %1. The ticket could not be printed: please remember your number.</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="228"/>
        <location filename="../screens/ticket_screen.py" line="281"/>
        <source>实名取号：%1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="247"/>
        <source>「%1」需要实名取号</source>
        <translation>&quot;%1&quot; needs your ID</translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="275"/>
        <source>办理事项：%1</source>
        <translation>For: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="286"/>
        <source>前面还有 %n 人等候</source>
        <translation>
            <numerusform>%n person waiting ahead of you</numerusform>
            <numerusform>%n people waiting ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="288"/>
        <source>前面没有人等候，请留意叫号</source>
        <translation>Nobody is ahead of you: watch for your number</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/ticket_screen.py" line="290"/>
        <source>，预计等候约 %n 分钟</source>
        <translation>
            <numerusform>, about %n minute</numerusform>
            <numerusform>, about %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/ticket_screen.py" line="292"/>
        <source>请到 %1 等候叫号</source>
        <translation>Please wait at %1 to be called</translation>
    </message>
</context>
<context>
    <name>TransferForm</name>
    <message>
        <location filename="../counter/forms.py" line="155"/>
        <source>转移：业务、窗口或工作人员</source>
        <translation>Transfer: to a queue, window or clerk</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="159"/>
        <source>工号（可选）</source>
        <translation>Staff number (optional)</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="161"/>
        <source>给下一位工作人员的说明</source>
        <translation>Note for the next clerk</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="163"/>
        <source>保留优先级</source>
        <translation>Keep priority</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="166"/>
        <source>转到业务</source>
        <translation>To queue</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="167"/>
        <source>转到窗口</source>
        <translation>To window</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="168"/>
        <source>转给工作人员</source>
        <translation>To clerk</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="169"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="178"/>
        <source>（同一业务）</source>
        <translation>(same queue)</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="182"/>
        <source>（任一窗口）</source>
        <translation>(any window)</translation>
    </message>
    <message>
        <location filename="../counter/forms.py" line="194"/>
        <source>请选择转到的业务、窗口或工作人员。</source>
        <translation>Choose a queue, window or clerk to transfer to.</translation>
    </message>
</context>
<context>
    <name>WalkInPage</name>
    <message>
        <location filename="../counter/walk_in.py" line="36"/>
        <source>窗口收件</source>
        <translation>Walk-in case</translation>
    </message>
    <message>
        <location filename="../counter/walk_in.py" line="38"/>
        <source>放弃并返回受理台</source>
        <translation>Leave and go back to the desk</translation>
    </message>
</context>
<context>
    <name>WindowScreen</name>
    <message>
        <location filename="../display/window_screen.py" line="24"/>
        <source>一门通 窗口屏</source>
        <translation>Yimen window screen</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="87"/>
        <source>本窗口未设置</source>
        <translation>This window is not set up</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="93"/>
        <source>暂停服务</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="96"/>
        <source>本窗口暂停办理</source>
        <translation>This window is closed</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="99"/>
        <source>正在办理</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="102"/>
        <source>请等候叫号</source>
        <translation>Please wait to be called</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="108"/>
        <source>与服务器的连接已中断，正在重新连接…</source>
        <translation>Connection to the server lost, reconnecting…</translation>
    </message>
    <message>
        <location filename="../display/window_screen.py" line="117"/>
        <source>{name}
工号 {staff_no}</source>
        <translation>{name}
Staff no. {staff_no}</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../counter/workbench.py" line="51"/>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="52"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="53"/>
        <location filename="../counter/workbench.py" line="227"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="54"/>
        <source>待补正</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="55"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="56"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="57"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="58"/>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="61"/>
        <source>窗口收件</source>
        <translation>At a window</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="62"/>
        <source>自助终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="63"/>
        <source>社区代办</source>
        <translation>Community point</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="64"/>
        <source>网上申请</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="65"/>
        <source>移动端</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="68"/>
        <source>窗口领取</source>
        <translation>Pick up at a window</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="69"/>
        <source>EMS 邮寄</source>
        <translation>Sent by EMS</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="70"/>
        <source>电子送达</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="107"/>
        <source>办件编号，或扫描受理回执二维码</source>
        <translation>Case number, or scan the receipt&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="109"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="112"/>
        <source>扫描回执二维码</source>
        <translation>Scan a receipt&apos;s QR</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="115"/>
        <source>预审</source>
        <translation>Pre-review</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="117"/>
        <source>我的办件</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="119"/>
        <source>窗口收件 F12</source>
        <translation>Walk-in case F12</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="122"/>
        <source>返回叫号台 (Esc)</source>
        <translation>Back to calling (Esc)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="151"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="152"/>
        <source>事项</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="153"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="154"/>
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="155"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="180"/>
        <source>合格</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="183"/>
        <source>不合格的原因</source>
        <translation>Why it is defective</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="184"/>
        <source>不合格</source>
        <translation>Defective</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="186"/>
        <source>全部合格</source>
        <translation>All good</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="190"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="221"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="225"/>
        <source>补正（一次性告知）</source>
        <translation>Supplement (all at once)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="229"/>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="235"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="237"/>
        <source>送达</source>
        <translation>Deliver</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="255"/>
        <source>重打告知书</source>
        <translation>Reprint notices</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="278"/>
        <source>正在打开办件……</source>
        <translation>Opening the case…</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="306"/>
        <source>请将受理回执上的二维码对准摄像头……</source>
        <translation>Hold the receipt&apos;s QR code to the camera…</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="318"/>
        <source>没有识别到二维码，请再试一次。</source>
        <translation>No QR code was read; please try again.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="320"/>
        <source>这不是受理回执的二维码。</source>
        <translation>That is not a case receipt&apos;s QR code.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="341"/>
        <source>该办件正由工作人员 %1 办理，只能查看。</source>
        <translation>Clerk %1 has this case open: view only.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="390"/>
        <source>预审（社区代办、网上申请，按提交先后）</source>
        <translation>Pre-review (community and online, oldest first)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="393"/>
        <source>我的办件（超期的在前）</source>
        <translation>My cases (overdue first)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="408"/>
        <source>超期 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="421"/>
        <source>列表为空。</source>
        <translation>The list is empty.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="432"/>
        <source>该材料尚未上传（请核对纸质材料）。</source>
        <translation>Not uploaded yet (check the paper copy).</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="453"/>
        <source>请填写不合格的原因。</source>
        <translation>Say why it is defective.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="496"/>
        <source>正在提交……</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="503"/>
        <source>已受理，承诺 %1 前办结。</source>
        <translation>Accepted; promised by %1.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="504"/>
        <source>已一次性告知补正，期限 %1。</source>
        <translation>Supplement notice given, deadline %1.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="505"/>
        <source>已不予受理。%1</source>
        <translation>Not accepted. %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="520"/>
        <source>办件状态：%1</source>
        <translation>Case: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="541"/>
        <source>请输入办件编号或扫描受理回执二维码，或从预审、我的办件中选择。</source>
        <translation>Type a case number or scan a receipt&apos;s QR code, or choose from pre-review or my cases.</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="550"/>
        <source> ✓ 合格</source>
        <translation> ✓ good</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="552"/>
        <source> ✗ 不合格：%1</source>
        <translation> ✗ defective: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="555"/>
        <source>（未上传）</source>
        <translation> (not uploaded)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="572"/>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="573"/>
        <source>事项：%1（%2）</source>
        <translation>Service: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="574"/>
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="575"/>
        <source>来源：%1</source>
        <translation>Channel: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="579"/>
        <source>申请单位：%1</source>
        <translation>Applying company: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="580"/>
        <source>统一社会信用代码：%1</source>
        <translation>Unified social credit code: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="581"/>
        <source>法定代表人：%1</source>
        <translation>Legal representative: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="583"/>
        <source>（已核验，请查验授权委托书）</source>
        <translation> (verified; check the letter of authorisation)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="585"/>
        <source>经办人：%1  %2</source>
        <translation>Agent: %1  %2</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="588"/>
        <source>（请读取经办人身份证核验）</source>
        <translation> (read the agent&apos;s ID card to verify)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="592"/>
        <source>申请人：%1  %2</source>
        <translation>Applicant: %1  %2</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="596"/>
        <source>（已核验）</source>
        <translation> (verified)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="598"/>
        <source>（请读取申请人身份证核验）</source>
        <translation> (read the applicant&apos;s ID card to verify)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="602"/>
        <source>代办人：%1</source>
        <translation>Submitted by: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="604"/>
        <source>提交时间：%1</source>
        <translation>Submitted: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="609"/>
        <source>承诺办结：%1</source>
        <translation>Promised by: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="613"/>
        <source>送达方式：%1</source>
        <translation>Delivery: %1</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="617"/>
        <source>申请表：</source>
        <translation>Form:</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="623"/>
        <source>%1 %2（%3 %4）</source>
        <translation>%1 %2 (%3 %4)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="641"/>
        <source>重打告知书（%1）</source>
        <translation>Reprint notices (%1)</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="657"/>
        <source>受理通知书</source>
        <translation>Acceptance notice</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="658"/>
        <source>一次性告知书</source>
        <translation>Supplement notice</translation>
    </message>
    <message>
        <location filename="../counter/workbench.py" line="659"/>
        <source>不予受理告知书</source>
        <translation>Rejection notice</translation>
    </message>
</context>
<context>
    <name>WritePage</name>
    <message>
        <location filename="../screens/complaint_pages.py" line="296"/>
        <source>请写下您的意见</source>
        <translation>Write your comments</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="302"/>
        <source>请写明时间、经过和您的诉求</source>
        <translation>Say when, what happened and what you ask for</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="311"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="312"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/complaint_pages.py" line="333"/>
        <source>已写 %1 字，最多 %2 字</source>
        <translation>%1 of at most %2 characters</translation>
    </message>
</context>
</TS>
